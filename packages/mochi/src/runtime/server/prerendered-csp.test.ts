import { describe, expect, it } from 'vitest';
import { hashInlineTags } from './prerendered-csp.js';
import { cspHash } from './csp.js';

const PH = 'mochi-prerender-abc_DEF-123';

describe('hashInlineTags', () => {
	it("hashes each inline script and style carrying the placeholder, and drops the attribute", () => {
		const html =
			`<head><script nonce="${PH}">window.a = 1;</script><style nonce="${PH}">p{color:red}</style>` +
			`<script type="module" nonce="${PH}" data-x="a>b">import "/x.js";</script></head>`;
		const { html: out, hashes } = hashInlineTags(html, PH);
		expect(out).toBe(
			'<head><script>window.a = 1;</script><style>p{color:red}</style><script type="module" data-x="a>b">import "/x.js";</script></head>'
		);
		expect(hashes).toEqual({
			script: [cspHash('window.a = 1;'), cspHash('import "/x.js";')],
			style: [cspHash('p{color:red}')]
		});
	});

	it('hashes exactly the text the browser will see, whitespace and all', () => {
		const body = '\n\t\t\t{\n\t\t\t\tconst h = (window.__svelte ??= {}).h ??= new Map();\n\t\t\t}\n\t\t';
		const { hashes } = hashInlineTags(`<script nonce="${PH}">${body}</script>`, PH);
		expect(hashes.script).toEqual([cspHash(body)]);
	});

	it("doesn't hash an external script (its text is empty): it only loses the attribute", () => {
		const { html, hashes } = hashInlineTags(`<script src="/app.js" nonce="${PH}"></script>`, PH);
		expect(html).toBe('<script src="/app.js"></script>');
		expect(hashes).toEqual({ script: [], style: [] });
	});

	it('leaves tags without the placeholder, with another nonce, or other elements alone', () => {
		const html = `<script>a()</script><script nonce="other">b()</script><link nonce="${PH}" rel="x"><p>nonce="${PH}"</p>`;
		const { html: out, hashes } = hashInlineTags(html, PH);
		expect(out).toBe(html);
		expect(hashes).toEqual({ script: [], style: [] });
	});

	it('stops at a tag that never closes rather than hashing a guess', () => {
		expect(hashInlineTags(`<script nonce="${PH}">never closed`, PH).hashes.script).toEqual([]);
	});
});
