// `mochi({ csp })`, checked once when the config loads (core/options.ts): every mistake is an error
// that names the option, never a header the browser half-ignores with a console warning.

/** What the app writes in vite.config.ts. */
export interface CspOptions {
	/** Directive name → its sources, one per item: `{ 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] }`. */
	directives: Record<string, string[]>;
	/** Send `content-security-policy-report-only` instead: violations are reported, nothing is blocked. */
	reportOnly?: boolean;
}

/** The checked option, as the server entry carries it to the runtime (csp.ts builds the header from it). */
export interface CspConfig {
	directives: Record<string, string[]>;
	reportOnly: boolean;
}

/** Directives whose value is a source list (where `'self'`, hosts and hashes go). */
const SOURCE_LISTS = new Set([
	'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem', 'style-src-attr',
	'img-src', 'font-src', 'connect-src', 'media-src', 'object-src', 'frame-src', 'child-src', 'worker-src',
	'manifest-src', 'fenced-frame-src', 'prefetch-src', 'base-uri', 'form-action', 'frame-ancestors'
]);
const OTHER_DIRECTIVES = new Set(['sandbox', 'report-uri', 'report-to', 'require-trusted-types-for', 'trusted-types', 'webrtc']);
/** Directives that take no value: `[]`. */
const FLAGS = new Set(['upgrade-insecure-requests', 'block-all-mixed-content']);
/** Keywords that only mean themselves in single quotes: bare, `self` is a host called "self". */
const KEYWORDS = new Set([
	'self', 'none', 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', 'unsafe-hashes', 'report-sample',
	'wasm-unsafe-eval', 'inline-speculation-rules'
]);

/** The checked `csp` option, or null when it is off (absent or `false`). Throws naming what is wrong. */
export function resolveCspOptions(value: unknown): CspConfig | null {
	if (value === undefined || value === false) return null;
	const where = 'mochi({ csp })';
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${where}: expected { directives: { … }, reportOnly?: boolean }, got ${describe(value)}.`);
	}
	for (const key of Object.keys(value)) {
		if (key !== 'directives' && key !== 'reportOnly') throw new Error(`${where}: unknown option "${key}" (expected directives, reportOnly).`);
	}
	const { directives, reportOnly = false } = value as Partial<CspOptions>;
	if (typeof reportOnly !== 'boolean') throw new Error(`mochi({ csp: { reportOnly } }): expected true or false, got ${describe(reportOnly)}.`);
	if (typeof directives !== 'object' || directives === null || Array.isArray(directives)) {
		throw new Error(`mochi({ csp: { directives } }): expected an object such as { 'script-src': ["'self'"] }, got ${describe(directives)}.`);
	}
	const checked: Record<string, string[]> = {};
	for (const [name, sources] of Object.entries(directives)) checked[name] = checkDirective(name, sources);
	return { directives: checked, reportOnly };
}

function checkDirective(name: string, sources: unknown): string[] {
	const where = `mochi({ csp: { directives: { ${JSON.stringify(name)} } } })`;
	if (!SOURCE_LISTS.has(name) && !OTHER_DIRECTIVES.has(name) && !FLAGS.has(name)) {
		const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
		const hint = kebab !== name && (SOURCE_LISTS.has(kebab) || OTHER_DIRECTIVES.has(kebab) || FLAGS.has(kebab)) ? ` Did you mean "${kebab}"?` : '';
		throw new Error(`${where}: "${name}" is not a Content-Security-Policy directive.${hint}`);
	}
	if (!Array.isArray(sources)) throw new Error(`${where}: expected an array of strings (one source per item), got ${describe(sources)}.`);
	if (FLAGS.has(name) && sources.length > 0) throw new Error(`${where}: this directive takes no value: write [].`);
	for (const source of sources) {
		if (typeof source !== 'string' || source === '') throw new Error(`${where}: expected non-empty strings, got ${describe(source)}.`);
		// `;` and `,` end a directive or a whole policy: one value must never smuggle in another.
		if (/[;,\s\u0000-\u001f\u007f]/.test(source)) {
			throw new Error(`${where}: ${JSON.stringify(source)} contains a space, ";", "," or a control character. Give one source per array item.`);
		}
		if (!SOURCE_LISTS.has(name)) continue;
		if (KEYWORDS.has(source.toLowerCase())) throw new Error(`${where}: ${JSON.stringify(source)} must be quoted: write "'${source}'".`);
		if (/^'nonce-/i.test(source)) {
			throw new Error(`${where}: ${source} is a fixed nonce. Mochi adds a fresh nonce to every page itself; give it to your own scripts with ctx.cspNonce.`);
		}
		if (source.toLowerCase() === "'none'" && sources.length > 1) throw new Error(`${where}: "'none'" cannot be combined with other sources.`);
	}
	return [...(sources as string[])];
}

function describe(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'function') return 'a function';
	return typeof value === 'object' ? 'an object' : String(value);
}
