// Command-line arguments → options. Pure: no prompts, no process access, errors as UsageError.
import { parseArgs } from 'node:util';
import { TEMPLATE_NAMES, isTemplateName, type Language, type TemplateName } from './templates.js';

export interface CliArgs {
	directory?: string;
	template?: TemplateName;
	language?: Language;
	yes: boolean;
	force: boolean;
	help: boolean;
	version: boolean;
	/** Hidden: the mochi-framework dependency spec instead of the version range (tests use a tarball). */
	framework?: string;
}

/** What an option left out means when nobody is asked (`--yes`, or stdin is not a terminal). */
export const DEFAULTS = { directory: 'mochi-app', template: 'minimal', language: 'ts' } as const;

export class UsageError extends Error {}

const OPTIONS = {
	template: { type: 'string', short: 't' },
	ts: { type: 'boolean' },
	js: { type: 'boolean' },
	yes: { type: 'boolean', short: 'y' },
	force: { type: 'boolean', short: 'f' },
	help: { type: 'boolean', short: 'h' },
	version: { type: 'boolean', short: 'v' },
	framework: { type: 'string' }
} as const;

export function parseCliArgs(argv: string[]): CliArgs {
	// Not strict: node's own messages for unknown options are long and mention things users never typed.
	const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
	for (const token of tokens) {
		if (token.kind !== 'option') continue;
		const option = OPTIONS[token.name as keyof typeof OPTIONS];
		if (!option) throw new UsageError(`unknown option "${token.rawName}"`);
		if (option.type === 'string' && token.value === undefined) throw new UsageError(`${token.rawName} needs a value`);
		if (option.type === 'boolean' && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
	}
	if (positionals.length > 1) {
		throw new UsageError(`expected one directory, got ${positionals.map((p) => `"${p}"`).join(', ')}`);
	}
	if (positionals[0] === '') throw new UsageError('the directory name is empty');
	if (values.ts && values.js) throw new UsageError('choose --ts or --js, not both');

	const template = values.template as string | undefined;
	if (template !== undefined && !isTemplateName(template)) {
		throw new UsageError(`unknown template "${template}"; choose one of: ${TEMPLATE_NAMES.join(', ')}`);
	}
	const framework = values.framework as string | undefined;
	if (framework !== undefined && !framework.trim()) throw new UsageError('--framework needs a value');

	return {
		directory: positionals[0],
		template,
		language: values.ts ? 'ts' : values.js ? 'js' : undefined,
		yes: values.yes === true,
		force: values.force === true,
		help: values.help === true,
		version: values.version === true,
		framework
	};
}
