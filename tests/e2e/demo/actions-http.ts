// The demo's form actions over plain HTTP, as an attacker would send them: forged `next` targets, header
// injection, wrong bodies, hostile cart indexes and quantities. Each answer is a 303 on this site or a 4xx,
// never a 500, and the server keeps answering.
import { describe, expect, it } from 'vitest';
import type { Demo } from './fixture.js';

interface Posted {
	status: number;
	location: string | null;
	cookies: string[];
	body: string;
	headers: Headers;
}

export function actionsHttpSuite(demo: Demo): void {
	async function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}): Promise<Posted> {
		const response = await fetch(`${demo.url}${path}`, {
			method: 'POST',
			body,
			headers: { origin: demo.url, ...headers },
			redirect: 'manual',
			signal: AbortSignal.timeout(10_000)
		});
		return { status: response.status, location: response.headers.get('location'), cookies: response.headers.getSetCookie(), body: await response.text(), headers: response.headers };
	}
	const form = (fields: Record<string, string>) => new URLSearchParams(fields);
	const cartCookie = (posted: Posted) => posted.cookies.find((cookie) => cookie.startsWith('demo_cart='))?.split(';')[0].slice('demo_cart='.length);

	async function stillUp() {
		const response = await fetch(`${demo.url}/products/matcha`, { signal: AbortSignal.timeout(10_000) });
		expect(response.status).toBe(200);
		await response.arrayBuffer();
	}

	describe('the sign-in action, attacked', () => {
		it.each([
			['another site', 'https://example.com/phish'],
			['a protocol-relative URL', '//example.com/phish'],
			['a backslash trick', '/\\example.com/phish'],
			['a javascript: URL', 'javascript:alert(1)'],
			['a data: URL', 'data:text/html,hi']
		])('never redirects to %s from `next`', async (_, next) => {
			const posted = await post('/sign-in', form({ name: 'Ada', next }));
			expect(posted.status).toBe(303);
			expect(posted.location).toBe('/');
			await stillUp();
		});

		it('keeps a `next` on this site, and falls back to the Referer of this site only', async () => {
			expect((await post('/sign-in', form({ name: 'Ada', next: '/cart?from=account' }))).location).toBe('/cart?from=account');
			expect((await post('/sign-in', form({ name: 'Ada' }), { referer: `${demo.url}/products/matcha` })).location).toBe('/products/matcha');
			expect((await post('/sign-in', form({ name: 'Ada' }), { referer: 'https://example.com/' })).location).toBe('/');
		});

		it('turns CR/LF in `next` into nothing a header could carry', async () => {
			const posted = await post('/sign-in', form({ name: 'Ada', next: '/about\r\nx-injected: 1' }));
			expect(posted.status).toBe(303);
			expect(posted.location).not.toMatch(/[\r\n]/);
			expect(posted.headers.get('x-injected')).toBeNull();
			await stillUp();
		});

		it.each([
			['an empty name', '', 'Please tell us your name.'],
			['only spaces', '   ', 'Please tell us your name.'],
			['41 characters', 'a'.repeat(41), 'At most 40 characters, please.'],
			['markup', '<script>alert(1)</script>', 'Letters, spaces, hyphens and apostrophes only, please.'],
			['a cookie trick', 'Ada; demo_cart=matcha', 'Letters, spaces, hyphens and apostrophes only, please.']
		])('refuses %s with 400, the message, the value escaped, and no cookie', async (_, name, message) => {
			const posted = await post('/sign-in', form({ name }));
			expect(posted.status).toBe(400);
			expect(posted.body).toContain(message);
			expect(posted.body).not.toContain('<script>alert(1)</script>');
			if (name.includes('<')) expect(posted.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
			expect(posted.cookies.filter((cookie) => cookie.startsWith('demo_user='))).toEqual([]);
			await stillUp();
		});

		it('takes multipart forms, ignores a file where `next` should be, and refuses other bodies with a 4xx', async () => {
			const multipart = new FormData();
			multipart.set('name', 'Ada');
			multipart.set('next', new Blob(['/about']), 'next.txt');
			const posted = await post('/sign-in', multipart);
			expect(posted.status).toBe(303);
			expect(posted.location).toBe('/');
			expect((await post('/sign-in', '{"name":"Ada"}', { 'content-type': 'application/json' })).status).toBe(415);
			expect((await post('/sign-in', 'name=Ada', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://example.com' })).status).toBe(403);
			await stillUp();
		});
	});

	describe('the cart actions, attacked', () => {
		it('refuses an unknown product with 400 and the message, leaving the cart alone', async () => {
			const posted = await post('/cart?/add', form({ sku: '../../etc/passwd' }), { cookie: 'demo_cart=matcha' });
			expect(posted.status).toBe(400);
			expect(posted.body).toContain('There is no such product.');
			expect(cartCookie(posted)).toBeUndefined();
		});

		it.each([
			['1e9', 10],
			['-5', 1],
			['NaN', 1],
			['2.7', 2],
			['', 1]
		])('adds a quantity of %j as %i', async (quantity, count) => {
			const posted = await post('/cart?/add', form({ sku: 'kinako', quantity }));
			expect(posted.status).toBe(303);
			expect(decodeURIComponent(cartCookie(posted)!).split(',')).toEqual(Array.from({ length: count }, () => 'kinako'));
		});

		it('keeps at most 50 items, the newest', async () => {
			const full = Array.from({ length: 50 }, () => 'matcha').join(',');
			const posted = await post('/cart?/add', form({ sku: 'kinako', quantity: '3' }), { cookie: `demo_cart=${full}` });
			const items = decodeURIComponent(cartCookie(posted)!).split(',');
			expect(items).toHaveLength(50);
			expect(items.slice(-3)).toEqual(['kinako', 'kinako', 'kinako']);
		});

		it.each(['1', '-1', '', 'x', '0x0', '1e0', '99999999999999999999'])('refuses to remove the item at %j of a one-item cart', async (index) => {
			const posted = await post('/cart?/remove', form({ index }), { cookie: 'demo_cart=matcha' });
			expect(posted.status).toBe(400);
			expect(posted.body).toContain('That item is no longer in your cart.');
			expect(cartCookie(posted)).toBeUndefined();
			await stillUp();
		});

		it('removes the item at an index, and empties the cart', async () => {
			const removed = await post('/cart?/remove', form({ index: '1' }), { cookie: 'demo_cart=matcha,kinako,yuzu-jam', referer: `${demo.url}/cart` });
			expect(removed.status).toBe(303);
			expect(removed.location).toBe('/cart');
			expect(decodeURIComponent(cartCookie(removed)!)).toBe('matcha,yuzu-jam');
			const cleared = await post('/cart?/clear', form({}), { cookie: 'demo_cart=matcha' });
			expect(cleared.status).toBe(303);
			expect(cleared.cookies.find((cookie) => cookie.startsWith('demo_cart='))).toMatch(/Max-Age=0/i);
		});

		it('answers an unknown action 404 and a POST naming none 404 (the cart page has only named ones)', async () => {
			expect((await post('/cart?/drop', form({}))).status).toBe(404);
			expect((await post('/cart', form({}))).status).toBe(404);
			expect((await post('/about', form({}))).status).toBe(405);
			await stillUp();
		});
	});

	describe('enhanced submissions (x-mochi-enhance), attacked', () => {
		const enhanced = { 'x-mochi-enhance': '1', 'content-type': 'application/x-www-form-urlencoded' };

		it('answer a 204 naming the cart islands and the page to go back to; a plain POST sees neither header', async () => {
			const added = await post('/cart?/add', form({ sku: 'matcha' }), { ...enhanced, referer: `${demo.url}/products/kinako?x=1` });
			expect(added.status).toBe(204);
			expect(added.headers.get('x-mochi-location')).toBe('/products/kinako?x=1');
			expect(added.headers.get('x-mochi-refresh')).toBe('CartCount,MiniCart');
			expect(added.location).toBeNull();
			expect(cartCookie(added)).toBe('matcha');
			const plain = await post('/cart?/add', form({ sku: 'matcha' }), { referer: `${demo.url}/` });
			expect(plain.status).toBe(303);
			expect(plain.location).toBe('/');
			expect(plain.headers.get('x-mochi-refresh')).toBeNull();
			expect(plain.headers.get('x-mochi-location')).toBeNull();
		});

		it.each(['https://example.com/phish', '//example.com/', '\\\\example.com/', 'javascript:alert(1)'])(
			'never sends the runtime off the site: a Referer of %j comes back as /',
			async (referer) => {
				for (const [path, body] of [['/cart?/add', form({ sku: 'matcha' })], ['/sign-in', form({ name: 'Ada' })], ['/account?/signOut', form({})]] as const) {
					const posted = await post(path, body, { ...enhanced, referer, cookie: 'demo_user=Ada' });
					expect(posted.status, path).toBe(204);
					expect(posted.headers.get('x-mochi-location'), path).toBe('/');
				}
				await stillUp();
			}
		);

		it('signing in and out names every island that shows the visitor', async () => {
			const signedIn = await post('/sign-in', form({ name: 'Ada' }), { ...enhanced, referer: `${demo.url}/` });
			expect(signedIn.status).toBe(204);
			expect(signedIn.headers.get('x-mochi-refresh')).toBe('Avatar,CartCount,MiniCart,Recommended');
			const signedOut = await post('/account?/signOut', form({}), { ...enhanced, cookie: 'demo_user=Ada', referer: `${demo.url}/` });
			expect(signedOut.headers.get('x-mochi-refresh')).toBe('Avatar,CartCount,MiniCart,Recommended');
		});

		it('a refusal is the same 400 page with no refresh; a cross-site one is the same 403', async () => {
			const refused = await post('/cart?/remove', form({ index: '9' }), { ...enhanced, cookie: 'demo_cart=matcha' });
			expect(refused.status).toBe(400);
			expect(refused.body).toContain('That item is no longer in your cart.');
			expect(refused.headers.get('x-mochi-refresh')).toBeNull();
			const forged = await post('/cart?/clear', form({}), { ...enhanced, origin: 'https://example.com', cookie: 'demo_cart=matcha' });
			expect(forged.status).toBe(403);
			expect(forged.headers.get('x-mochi-refresh')).toBeNull();
			expect(cartCookie(forged)).toBeUndefined();
			await stillUp();
		});
	});

	describe('the sign-out action', () => {
		it('is behind the guard like the rest of /account: without a name, the visitor is sent to sign in', async () => {
			const posted = await post('/account?/signOut', form({}));
			expect(posted.status).toBe(303);
			expect(posted.location).toBe('/sign-in?next=%2Faccount');
		});

		it('deletes the cookie and goes back to the page, or to the shop from /account', async () => {
			const back = await post('/account?/signOut', form({}), { cookie: 'demo_user=Ada', referer: `${demo.url}/products/matcha` });
			expect(back.location).toBe('/products/matcha');
			expect(back.cookies.find((cookie) => cookie.startsWith('demo_user='))).toMatch(/Max-Age=0/i);
			expect((await post('/account?/signOut', form({}), { cookie: 'demo_user=Ada', referer: `${demo.url}/account` })).location).toBe('/');
		});
	});
}
