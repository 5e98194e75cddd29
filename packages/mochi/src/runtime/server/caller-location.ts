import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the code that called `fn` is, as `file:line:column` (relative to the working directory when
 * inside it), from a stack trace, or undefined if the stack says nothing usable. `mapStack` maps the
 * trace to the source first (in `mochi dev`, Vite's), so that this is the user's own line.
 */
export function callerLocation(fn: Function, mapStack?: (stack: string) => string): string | undefined {
	const holder: { stack?: string } = {};
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 3;
	try {
		Error.captureStackTrace(holder, fn);
	} finally {
		Error.stackTraceLimit = limit;
	}
	let stack = holder.stack ?? '';
	try {
		if (mapStack) stack = mapStack(stack);
	} catch {
		// Unmapped, then: the generated line still names the file.
	}
	return locationOfFrame(stack.split('\n').find((line) => /^\s+at /.test(line)));
}

/** `    at name (file:line:col)` or `    at file:line:col` → `file:line:col`. */
export function locationOfFrame(frame: string | undefined): string | undefined {
	const match = frame?.match(/^\s+at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/);
	if (!match) return undefined;
	let file = match[1];
	if (file.startsWith('file://')) {
		try {
			file = fileURLToPath(file);
		} catch {
			return undefined;
		}
	}
	if (path.isAbsolute(file)) {
		const relative = path.relative(process.cwd(), file);
		if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) file = relative.split(path.sep).join('/');
	}
	return `${file}:${match[2]}:${match[3]}`;
}
