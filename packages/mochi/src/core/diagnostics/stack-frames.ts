// What of an error's stack is about the user's code. In dev the module runner has already mapped the
// stack to source (calling Vite's ssrFixStacktrace again would map mapped lines a second time: wrong lines
// and its "already rewritten" note), so this only picks lines: the framework's, Node's and Vite's go.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeFrame } from './code-frame.js';

/** The framework's own files (dist/ when installed, src/ in this repo). */
const FRAMEWORK = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FRAME = /^\s+at (?:.*? \()?(?:file:\/\/)?(\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/;

/** The `at …` lines that are in the app (outside node_modules and the framework); all of them if none is. */
export function appFrames(stack: string, root: string): string[] {
	const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
	const own = frames.filter((line) => {
		const file = FRAME.exec(line)?.[1];
		return file !== undefined && isInside(root, file) && !file.split(/[\\/]/).includes('node_modules') && !isInside(FRAMEWORK, file);
	});
	return own.length ? own : frames;
}

/** Where the first app frame points, with a code frame of that file, for the terminal and Vite's overlay. */
export function firstAppLocation(stack: string, root: string): { id: string; loc: { file: string; line: number; column: number }; frame: string } | null {
	for (const line of appFrames(stack, root)) {
		const match = FRAME.exec(line);
		if (!match || !isInside(root, match[1])) continue;
		const source = readText(match[1]);
		if (source === null) continue;
		const loc = { file: match[1], line: Number(match[2]), column: Number(match[3]) - 1 };
		return { id: match[1], loc, frame: codeFrame(source, loc, 'vite') };
	}
	return null;
}

function readText(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

function isInside(dir: string, file: string): boolean {
	const relative = path.relative(dir, file);
	return !!relative && !relative.startsWith('..') && !path.isAbsolute(relative);
}
