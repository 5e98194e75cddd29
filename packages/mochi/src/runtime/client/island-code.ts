/**
 * Whether a client island's `component` attribute names the app's own island code: `prefix`
 * (`{assetPrefix}/assets/` in a build, Vite's virtual island modules in dev; a path that starts with
 * `/` and a letter, so never `//host`) followed by one file name. Checked on the text the runtime will
 * import, so nothing can reach past the check: no `/` or `\` (no other folder), no `%` (no encoded dot
 * or slash), no `?` or `#`, no whitespace or control character (which URL parsing would drop), and not
 * `.` or `..`. Another origin, `javascript:`, `data:`, `blob:`, or a path outside the prefix never start
 * with it.
 */
export function isIslandCode(raw: string | null, prefix: string): raw is string {
	if (!raw?.startsWith(prefix)) return false;
	const file = raw.slice(prefix.length);
	return !/^\.{0,2}$|[/\\%?#\s\u0000-\u001f\u007f]/.test(file);
}
