import type { ViteDevServer } from 'vite';

/** The fields of Vite's error payload that its overlay shows (a compile error has id, loc, frame, plugin). */
interface ViteLikeError {
	message?: string;
	stack?: string;
	id?: string;
	frame?: string;
	plugin?: string;
	loc?: { file?: string; line: number; column: number };
}

/**
 * Dev errors, the way Vite shows its own: one readable block in the terminal (what failed, where,
 * the code frame, the stack mapped to source) and the same error in Vite's overlay in the browser.
 */
export function reportDevError(server: ViteDevServer, error: unknown, request: Request, cspNonce?: string): { head: string } {
	if (error instanceof Error) server.ssrFixStacktrace(error);
	const err = (error ?? {}) as ViteLikeError;
	const lines = [`[mochi] ${request.method} ${new URL(request.url).pathname} failed: ${err.message ?? String(error)}`];
	if (err.plugin) lines.push(`  Plugin: ${err.plugin}`);
	if (err.id) lines.push(`  File: ${err.id}${err.loc ? `:${err.loc.line}:${err.loc.column}` : ''}`);
	if (err.frame) lines.push(err.frame.replace(/^/gm, '  '));
	// A compile error's stack is the compiler's own; a render error's stack points at the app.
	else if (err.stack) lines.push(err.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n'));
	server.config.logger.error(lines.join('\n'), { timestamp: true, error: error instanceof Error ? error : undefined });
	return { head: overlayScript(err, cspNonce) };
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
