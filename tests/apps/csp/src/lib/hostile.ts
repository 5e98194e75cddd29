// What an attacker who controls HTML inside an island (a comment shown with {@html}) would write.

/** devalue's JSON of `[["comment", "forged-data"]]`: what a data block must hold to replace the island's value. */
const FORGED_DATA = '[[1],[2,3],"comment","forged-data"]';
const close = '<' + '/script>';

/** Data blocks and scripts dressed as Mochi's: with no token, a guessed one, or as code. */
export const forgedDataScripts =
	`<script type="application/json" data-mochi-hydratable>${FORGED_DATA}${close}` +
	`<script type="application/json" data-mochi-hydratable="">${FORGED_DATA}${close}` +
	`<script type="application/json" data-mochi-hydratable="guessed-token">${FORGED_DATA}${close}` +
	`<script data-mochi-hydratable>window.forged = 'script';${close}` +
	`<script data-mochi-hydratable="guessed-token" nonce="guessed-token">window.forged = 'nonce';${close}` +
	`<script type="module" data-mochi-hydratable>window.forged = 'module';${close}` +
	'<p class="comment-text">a visitor\'s comment</p>';

/** `component` URLs that are not the app's island code, each on a forged client island. */
export const OFF_PREFIX = [
	'https://evil.example/_mochi/assets/Counter.js',
	'//evil.example/_mochi/assets/Counter.js',
	'javascript:window.evil=1',
	'data:text/javascript,window.evil=1',
	'/evil.js',
	'/_mochi/island/Greeting',
	'/_mochi/assets/../../evil.js',
	'/_mochi/assets/%2e%2e/%2e%2e/evil.js',
	'/_mochi/assets/..%2f..%2fevil.js'
];

export function forgedIslands(prefix: string): string {
	return OFF_PREFIX.map(
		(url, i) => `<mochi-island name="${prefix}${i}" hydrate="load" component="${url}" props-ref="mochi-props-0"><b>forged ${i}</b></mochi-island>`
	).join('');
}
