import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnvFiles } from './env.js';

const dirs: string[] = [];
const KEYS = ['MOCHI_ENV_T_A', 'MOCHI_ENV_T_B', 'MOCHI_ENV_T_REAL', 'MOCHI_ENV_T_LOCAL', 'MOCHI_ENV_T_MODE', 'MOCHI_ENV_T_GONE', 'MOCHI_ENV_T_REF'];

function envDir(files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-env-'));
	dirs.push(dir);
	for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
	return dir;
}

afterEach(() => {
	loadEnvFiles('development', envDir({})); // forget what the files set
	for (const key of KEYS) delete process.env[key];
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadEnvFiles', () => {
	it('puts .env, .env.local, .env.[mode] and .env.[mode].local into process.env, later files winning, real values winning over all', () => {
		process.env.MOCHI_ENV_T_REAL = 'real';
		const dir = envDir({
			'.env': 'MOCHI_ENV_T_A=base\nMOCHI_ENV_T_REAL=file\nMOCHI_ENV_T_MODE=base\nMOCHI_ENV_T_REF=${MOCHI_ENV_T_A}-ref\n',
			'.env.local': 'MOCHI_ENV_T_LOCAL=local\n',
			'.env.development': 'MOCHI_ENV_T_MODE=dev\n',
			'.env.production': 'MOCHI_ENV_T_MODE=prod\n',
			'.env.development.local': 'MOCHI_ENV_T_B="quoted value # not a comment"\n'
		});
		expect(loadEnvFiles('development', dir).sort()).toEqual(['MOCHI_ENV_T_A', 'MOCHI_ENV_T_B', 'MOCHI_ENV_T_LOCAL', 'MOCHI_ENV_T_MODE', 'MOCHI_ENV_T_REF']);
		expect(KEYS.map((key) => process.env[key])).toEqual(['base', 'quoted value # not a comment', 'real', 'local', 'dev', undefined, 'base-ref']);
		loadEnvFiles('production', dir);
		expect(process.env.MOCHI_ENV_T_MODE).toBe('prod');
		expect(process.env.MOCHI_ENV_T_B).toBeUndefined();
		expect(process.env.MOCHI_ENV_T_REAL).toBe('real');
	});

	it('takes edited values and drops removed ones on a reload, never touching the real environment', () => {
		process.env.MOCHI_ENV_T_REAL = 'real';
		const dir = envDir({ '.env': 'MOCHI_ENV_T_A=1\nMOCHI_ENV_T_GONE=soon\nMOCHI_ENV_T_REAL=file\n' });
		loadEnvFiles('development', dir);
		expect([process.env.MOCHI_ENV_T_A, process.env.MOCHI_ENV_T_GONE]).toEqual(['1', 'soon']);
		fs.writeFileSync(path.join(dir, '.env'), 'MOCHI_ENV_T_A=2\n');
		loadEnvFiles('development', dir);
		expect([process.env.MOCHI_ENV_T_A, process.env.MOCHI_ENV_T_GONE, process.env.MOCHI_ENV_T_REAL]).toEqual(['2', undefined, 'real']);
	});

	it("leaves NODE_ENV to Vite and Mochi, whatever a file says", () => {
		const before = process.env.NODE_ENV;
		const userNodeEnv = process.env.VITE_USER_NODE_ENV;
		const dir = envDir({ '.env': 'NODE_ENV=development\nMOCHI_ENV_T_A=1\n' });
		delete process.env.NODE_ENV;
		try {
			expect(loadEnvFiles('production', dir)).toEqual(['MOCHI_ENV_T_A']);
			expect(process.env.NODE_ENV).toBeUndefined();
		} finally {
			if (before !== undefined) process.env.NODE_ENV = before;
			// Vite's own note of a file's NODE_ENV, made by loadEnv.
			if (userNodeEnv === undefined) delete process.env.VITE_USER_NODE_ENV;
		}
	});

	it('is a no-op without files, and survives a file that is not dotenv', () => {
		expect(loadEnvFiles('development', envDir({}))).toEqual([]);
		expect(loadEnvFiles('development', envDir({ '.env': '\u0000\u0001 not = an env file\n===\n' }))).not.toContain('MOCHI_ENV_T_A');
	});
});
