import { describe, expect, it } from 'vitest';
import { DEFAULTS, UsageError, parseCliArgs } from './args.js';
import { USAGE } from './usage.js';

describe('parseCliArgs', () => {
	it('leaves out what was not given, so the bin can ask for it or take the default', () => {
		expect(parseCliArgs([])).toEqual({
			directory: undefined,
			template: undefined,
			language: undefined,
			yes: false,
			force: false,
			help: false,
			version: false,
			framework: undefined
		});
		expect(DEFAULTS).toEqual({ directory: 'mochi-app', template: 'minimal', language: 'ts' });
	});

	it('reads every flag, long and short', () => {
		expect(parseCliArgs(['my-app', '--template', 'demo', '--js', '--yes', '--force', '--framework', 'file:/tmp/m.tgz'])).toEqual({
			directory: 'my-app',
			template: 'demo',
			language: 'js',
			yes: true,
			force: true,
			help: false,
			version: false,
			framework: 'file:/tmp/m.tgz'
		});
		expect(parseCliArgs(['-t', 'minimal', '-y', '-f', '--ts', 'app'])).toMatchObject({
			directory: 'app',
			template: 'minimal',
			language: 'ts',
			yes: true,
			force: true
		});
		expect(parseCliArgs(['--template=demo']).template).toBe('demo');
		expect(parseCliArgs(['-h']).help).toBe(true);
		expect(parseCliArgs(['--help']).help).toBe(true);
		expect(parseCliArgs(['-v']).version).toBe(true);
		expect(parseCliArgs(['--version']).version).toBe(true);
	});

	it('names an unknown flag', () => {
		expect(() => parseCliArgs(['--typescript'])).toThrow(new UsageError('unknown option "--typescript"'));
		expect(() => parseCliArgs(['-x'])).toThrow('unknown option "-x"');
	});

	it('lists the templates when the one asked for does not exist', () => {
		expect(() => parseCliArgs(['--template', 'nope'])).toThrow('unknown template "nope"; choose one of: minimal, demo');
	});

	it('refuses flags without their value, values on switches, --ts with --js, two directories', () => {
		expect(() => parseCliArgs(['--template'])).toThrow('--template needs a value');
		expect(() => parseCliArgs(['--framework='])).toThrow('--framework needs a value');
		expect(() => parseCliArgs(['--yes=no'])).toThrow('--yes takes no value');
		expect(() => parseCliArgs(['--ts', '--js'])).toThrow('choose --ts or --js, not both');
		expect(() => parseCliArgs(['one', 'two'])).toThrow('expected one directory, got "one", "two"');
		expect(() => parseCliArgs([''])).toThrow('the directory name is empty');
	});

	it('keeps --framework out of the help (it is for tests)', () => {
		expect(USAGE).not.toContain('--framework');
		for (const flag of ['--template', '--ts', '--js', '--yes', '--force', '--help', '--version', 'minimal', 'demo']) {
			expect(USAGE).toContain(flag);
		}
	});
});
