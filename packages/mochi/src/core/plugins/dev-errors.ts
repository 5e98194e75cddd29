import type { ViteDevServer } from 'vite';
import { appFrames, firstAppLocation } from '../diagnostics/stack-frames.js';

/** The fields of Vite's error payload that its overlay shows (a compile error has id, loc, frame, plugin). */
interface ViteLikeError {
	message?: string;
	stack?: string;
	id?: string;
	frame?: string;
	plugin?: string;
	loc?: { file?: string; line: number; column: number };
}

/** What the terminal names a failed request by (a web `Request` has both). */
export interface RequestLine {
	method: string;
	url: string;
}

export interface DevErrorReporter {
	/** Logs `error` (unless it was logged since the last save) and gives the overlay script for the page. */
	report(error: unknown, request: RequestLine, cspNonce?: string): { head: string };
	/** A file was saved: the next occurrence of any error is news again. */
	forget(): void;
}

/**
 * Dev errors, the way Vite shows its own: one readable block in the terminal (what failed, where, the
 * code frame of the user's lines, and for a thrown error its stack in the app's files) and the same error
 * in Vite's overlay in the browser. One save that breaks a file is one block, however many requests (the
 * page, its favicon, a reload) meet the error before the next save.
 */
export function createDevErrorReporter(server: ViteDevServer): DevErrorReporter {
	const logged = new Set<string>();
	const root = server.config.root;
	return {
		report(error, request, cspNonce) {
			const err = describe(error, root);
			const key = [err.message, err.id, err.loc?.line, err.loc?.column].join('\0');
			if (!logged.has(key)) {
				logged.add(key);
				server.config.logger.error(terminalBlock(err, request), { timestamp: true });
			}
			return { head: overlayScript(err, cspNonce) };
		},
		forget: () => logged.clear()
	};
}

/** The error as Vite's overlay takes it. A thrown error without a place of its own gets its first app frame's. */
function describe(error: unknown, root: string): ViteLikeError & { frames: string[] } {
	const err = (error ?? {}) as ViteLikeError;
	const message = err.message ?? String(error);
	// A compile or directive error carries its place and frame; its stack is the compiler's, not the app's.
	if (err.frame || err.plugin) return { message, id: err.id, frame: err.frame, plugin: err.plugin, loc: err.loc, stack: '', frames: [] };
	const stack = typeof err.stack === 'string' ? err.stack : '';
	const frames = appFrames(stack, root);
	return { message, stack: frames.join('\n'), frames, ...firstAppLocation(stack, root) };
}

function terminalBlock(err: ViteLikeError & { frames: string[] }, request: RequestLine): string {
	const lines = [`[mochi] ${request.method} ${new URL(request.url).pathname} failed: ${err.message}`];
	if (err.plugin) lines.push(`  Plugin: ${err.plugin}`);
	if (err.id) lines.push(`  File: ${err.id}${err.loc ? `:${err.loc.line}:${err.loc.column + 1}` : ''}`);
	if (err.frame) lines.push(err.frame.replace(/^/gm, '  '));
	lines.push(...err.frames);
	return lines.join('\n');
}

/**
 * A module script that opens Vite's error overlay with this error (the page already loads /@vite/client),
 * with the page's nonce under `mochi({ csp })`.
 */
export function overlayScript(err: ViteLikeError, cspNonce?: string): string {
	const payload = JSON.stringify({
		message: err.message ?? 'Error',
		stack: err.stack ?? '',
		id: err.id,
		frame: err.frame ?? '',
		plugin: err.plugin,
		loc: err.loc
	}).replace(/</g, '\\u003c');
	const nonce = cspNonce ? ` nonce="${cspNonce}"` : '';
	return `<script type="module"${nonce}>import { ErrorOverlay } from '/@vite/client';document.body.appendChild(new ErrorOverlay(${payload}));</script>`;
}

/** The whole page for an app that didn't load: Vite's client (which reloads it after the fix) and the overlay. */
export function overlayPage(head: string): string {
	return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Error</title><script type="module" src="/@vite/client"></script>${head}</head><body></body></html>`;
}
