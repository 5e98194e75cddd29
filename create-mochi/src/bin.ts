// The `create-mochi` command: arguments and prompts only; createApp() in create.ts does the work.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { DEFAULTS, UsageError, parseCliArgs } from './args.js';
import { ask, Cancelled, type Answers } from './prompts.js';
import { CreateError, checkTarget, createApp } from './create.js';
import { detectPackageManager, nextSteps } from './next-steps.js';
import { USAGE } from './usage.js';

async function main(argv: string[]): Promise<void> {
	const args = parseCliArgs(argv);
	if (args.help) return void console.log(USAGE);
	if (args.version) return void console.log(version());

	const interactive = process.stdin.isTTY === true && !args.yes;
	const answers: Answers = interactive
		? await ask(args, (directory) => checkTarget(path.resolve(directory), args.force))
		: {
				directory: args.directory ?? DEFAULTS.directory,
				template: args.template ?? DEFAULTS.template,
				language: args.language ?? DEFAULTS.language
			};
	const app = createApp({ ...answers, force: args.force, framework: args.framework });

	const language = answers.language === 'ts' ? 'TypeScript' : 'JavaScript';
	const relative = path.relative(process.cwd(), app.directory).split(path.sep).join('/');
	console.log(`\nCreated ${app.name} from the ${answers.template} template (${language}) in ${app.directory}.\n`);
	console.log(nextSteps(relative, detectPackageManager(process.env.npm_config_user_agent)) + '\n');
}

function version(): string {
	return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

main(process.argv.slice(2)).catch((error: unknown) => {
	if (error instanceof UsageError) console.error(`create-mochi: ${error.message}\nRun create-mochi --help to see the options.`);
	else if (error instanceof CreateError) console.error(`create-mochi: ${error.message}`);
	else if (error instanceof Cancelled) console.error('\nCancelled; nothing was written.');
	else console.error(`create-mochi: ${(error as Error)?.stack ?? error}`);
	process.exitCode = 1;
});
