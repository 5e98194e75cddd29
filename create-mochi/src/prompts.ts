// Interactive questions for whatever the command line left out (only in a terminal, without --yes).
import { createInterface } from 'node:readline/promises';
import { DEFAULTS, type CliArgs } from './args.js';
import { TEMPLATES, TEMPLATE_NAMES, isTemplateName, type Language, type TemplateName } from './templates.js';

export interface Answers {
	directory: string;
	template: TemplateName;
	language: Language;
}

/** Ctrl+C or Ctrl+D at a question. */
export class Cancelled extends Error {}

/** `checkDirectory` says why a directory won't do (asked again), or returns undefined. */
export async function ask(args: CliArgs, checkDirectory: (directory: string) => string | undefined): Promise<Answers> {
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	// readline/promises leaves a pending question hanging on Ctrl+C or end of input: abort it instead.
	const abort = new AbortController();
	rl.on('SIGINT', () => abort.abort());
	rl.on('close', () => abort.abort());
	const question = async (text: string, fallback: string) => {
		try {
			return (await rl.question(`${text} (${fallback}) `, { signal: abort.signal })).trim() || fallback;
		} catch (error) {
			if (abort.signal.aborted) throw new Cancelled('cancelled');
			throw error;
		}
	};
	try {
		return {
			directory: args.directory ?? (await askDirectory(question, checkDirectory)),
			template: args.template ?? (await askTemplate(question)),
			language: args.language ?? (await askLanguage(question))
		};
	} finally {
		rl.close();
	}
}

type Question = (text: string, fallback: string) => Promise<string>;

async function askDirectory(question: Question, checkDirectory: (directory: string) => string | undefined): Promise<string> {
	for (;;) {
		const directory = await question('Where should the app go?', DEFAULTS.directory);
		const problem = checkDirectory(directory);
		if (!problem) return directory;
		console.log(`  ${problem}`);
	}
}

async function askTemplate(question: Question): Promise<TemplateName> {
	const width = Math.max(...TEMPLATE_NAMES.map((name) => name.length));
	console.log('Templates:');
	TEMPLATE_NAMES.forEach((name, i) => console.log(`  ${i + 1}. ${name.padEnd(width)}  ${TEMPLATES[name]}`));
	for (;;) {
		const answer = await question(`Which one? 1-${TEMPLATE_NAMES.length} or a name`, '1');
		const picked = /^\d+$/.test(answer) ? TEMPLATE_NAMES[Number(answer) - 1] : answer.toLowerCase();
		if (picked && isTemplateName(picked)) return picked;
		console.log(`  Choose one of: ${TEMPLATE_NAMES.join(', ')}`);
	}
}

async function askLanguage(question: Question): Promise<Language> {
	for (;;) {
		const answer = (await question('TypeScript or JavaScript? ts/js', DEFAULTS.language)).toLowerCase();
		if (['ts', 'typescript', 't'].includes(answer)) return 'ts';
		if (['js', 'javascript', 'j'].includes(answer)) return 'js';
		console.log('  Answer ts or js.');
	}
}
