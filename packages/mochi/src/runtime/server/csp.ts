// The Content-Security-Policy header of `mochi({ csp })`. Built once at start-up from the checked
// directives (csp-options.ts), plus what Mochi's own markup needs:
// - every page: the hash of the `<mochi-island>` rule (island-style.ts) in style-src;
// - an on-demand page: a fresh nonce in script-src and style-src (Svelte puts it on its `hydratable()`
//   data script; `ctx.cspNonce` gives it to the app's own tags). Per request only the nonce is spliced in;
// - a prerendered page: the sha256 of each inline script and style that carried the build's nonce
//   placeholder (prerendered-csp.ts), worked out once when the server starts.
// Mochi's scripts are otherwise external files under the asset prefix: script-src must allow them ('self').
import { createHash, randomBytes } from 'node:crypto';
import type { CspConfig } from './csp-options.js';
import { ISLAND_STYLE_CSS } from './island-style.js';

export interface InlineHashes {
	/** `'sha256-…'` sources. */
	script: string[];
	style: string[];
}

export interface CspPolicy {
	/** The header: `content-security-policy`, or `content-security-policy-report-only` with `reportOnly`. */
	readonly name: 'content-security-policy' | 'content-security-policy-report-only';
	/**
	 * The policy as configured, nothing added: for island answers. They are inserted into a page, whose
	 * policy governs; this one only matters if a fragment is opened as a document of its own, where
	 * nothing inline must run.
	 */
	readonly base: string;
	/** A fresh nonce: 16 random bytes, base64. */
	nonce(): string;
	/** The policy of an on-demand page (and its error page) whose tags carry `nonce`. */
	forNonce(nonce: string): string;
	/** The policy of a prerendered page with these inline scripts and styles. */
	forHashes(hashes: InlineHashes): string;
}

/** `dev`: `mochi dev`, where styles are injected inline (see devSources) and HMR talks over a WebSocket. */
export function createCspPolicy(config: CspConfig, options: { dev?: boolean } = {}): CspPolicy {
	const dev = options.dev ?? false;
	const islandStyle = cspHash(ISLAND_STYLE_CSS);
	const build = (script: string[], style: string[]) => serialize(withSources(config.directives, { script, style: [islandStyle, ...style] }, dev));
	// Validated sources hold no control character: the marker can only be where the nonce goes.
	const parts = build([`'nonce-${MARK}'`], [`'nonce-${MARK}'`]).split(MARK);
	return {
		name: config.reportOnly ? 'content-security-policy-report-only' : 'content-security-policy',
		base: serialize(config.directives),
		nonce: () => randomBytes(16).toString('base64'),
		forNonce: (nonce) => parts.join(nonce),
		forHashes: ({ script, style }) => build(unique(script), unique(style))
	};
}

/** The CSP source that allows an inline script or style with exactly this text. */
export function cspHash(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

const MARK = '\u0000';
/** `mochi dev` only: Vite's HMR client connects back over a WebSocket. */
const DEV_CONNECT = ['ws:', 'wss:'];

type Directives = Record<string, string[]>;

function withSources(directives: Directives, add: InlineHashes, dev: boolean): Directives {
	const out = { ...directives };
	change(out, ['script-src', 'script-src-elem'], (list) => addSources(list, add.script));
	// Dev: Svelte's components and Vite inject their CSS as inline <style>s, in pages and in fragments that
	// cannot know the page's nonce: 'unsafe-inline', which any nonce or hash beside it would switch off.
	change(out, ['style-src', 'style-src-elem'], (list) => (dev ? allowInline(list) : addSources(list, add.style)));
	if (dev) change(out, ['connect-src'], (list) => addSources(list, DEV_CONNECT));
	return out;
}

/**
 * Applies `edit` to the first directive of `names`, written out from `default-src` when absent (the
 * browser falls back to it), and to the others (the `-elem` variants) only where the app set them.
 * Nothing is added where neither is set: that kind of resource is not restricted at all.
 */
function change(out: Directives, [main, ...more]: string[], edit: (list: string[]) => string[]): void {
	const list = out[main] ?? out['default-src'];
	if (list) out[main] = edit(list);
	for (const name of more) if (out[name]) out[name] = edit(out[name]);
}

function addSources(list: string[], sources: string[]): string[] {
	const lower = list.map((source) => source.toLowerCase());
	// A nonce or a hash makes browsers ignore 'unsafe-inline': a list relying on it is left as written.
	if (lower.includes("'unsafe-inline'") && !lower.some(switchesInlineOff)) return list;
	if (lower.length === 1 && lower[0] === "'none'") return [...sources];
	return [...list, ...sources.filter((source) => !list.includes(source))];
}

function allowInline(list: string[]): string[] {
	const kept = list.filter((source) => !switchesInlineOff(source.toLowerCase()) && source.toLowerCase() !== "'none'");
	return kept.some((source) => source.toLowerCase() === "'unsafe-inline'") ? kept : [...kept, "'unsafe-inline'"];
}

function switchesInlineOff(source: string): boolean {
	return /^'(?:sha(?:256|384|512)-|nonce-)/.test(source) || source === "'strict-dynamic'";
}

function serialize(directives: Directives): string {
	return Object.entries(directives)
		.map(([name, sources]) => (sources.length ? `${name} ${sources.join(' ')}` : name))
		.join('; ');
}

function unique(sources: string[]): string[] {
	return [...new Set(sources)];
}
