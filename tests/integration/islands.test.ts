// Server islands answering over real HTTP: fragments, headers, cookies, the page URL, failures.
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../helpers/app.js';
import { BASIC, MODES, START_TIMEOUT, get, islandNames, islandPath, setCookie, useApp } from './support.js';

describe.each(MODES)('islands (%s)', (mode) => {
	const app = useApp(mode, BASIC);
	let shell: string;
	let names: string[];

	beforeAll(async () => {
		const page = await get(app, '/islands');
		expect(page.status, page.body.slice(0, 1000)).toBe(200);
		shell = page.body;
		names = islandNames(shell);
	}, START_TIMEOUT);

	/** GET island `name` with the token the page signed for it. */
	function island(name: string, init?: RequestInit) {
		return get(app, islandPath(name, tokenOf(shell, name)), init);
	}

	it('puts a shell with fallbacks on the page, not the islands themselves', () => {
		expect(names.slice(0, 3)).toEqual(['Greeting', 'Slow', 'Broken']);
		expect(names).toHaveLength(5);
		for (const fallback of ['greeting fallback', 'slow fallback', 'broken fallback', 'news fallback', 'shop fallback']) {
			expect(shell).toContain(fallback);
		}
		expect(shell).not.toContain('[greeting]');
		expect(shell).not.toContain('[slow]');
		expect(shell).toMatch(/<mochi-island name="Greeting" signed-props="[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);
	});

	it('signs deterministically: the same props give the same token on every render', async () => {
		const again = await get(app, '/islands');
		expect(tokenOf(again.body, 'Greeting')).toBe(tokenOf(shell, 'Greeting'));
	});

	it('answers 200 text/html, private no-store and noindex by default', async () => {
		const { status, headers, body } = await island('Greeting');
		expect(status).toBe(200);
		expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(headers.get('cache-control')).toBe('private, no-store');
		expect(headers.get('x-robots-tag')).toBe('noindex');
		expect(body).toContain('[greeting] name=Ada');
		expect(body).not.toMatch(/<!doctype|<html|<body/i);
	});

	it('reads the Cookie header of the island request', async () => {
		expect((await island('Greeting')).body).toContain('user=anonymous');
		const { body } = await island('Greeting', { headers: { cookie: 'user=Grace; other=1' } });
		expect(body).toContain('user=Grace');
	});

	it('sends cookies and setHeaders() headers the island set', async () => {
		const { headers } = await island('Greeting');
		expect(headers.get('x-island')).toBe('yes');
		const cookie = setCookie(headers, 'greeted');
		expect(cookie).toBeDefined();
		const parts = cookie!.split(/;\s*/);
		expect(parts[0]).toBe('greeted=yes');
		expect(parts).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
	});

	it('lets an island set its own cache-control', async () => {
		const cards = await Promise.all(names.filter((name) => name.startsWith('Card-')).map((name) => island(name)));
		const news = cards.find(({ body }) => body.includes('[news-card]'));
		const shop = cards.find(({ body }) => body.includes('[shop-card]'));
		expect(news?.headers.get('cache-control')).toBe('public, max-age=60');
		expect(shop?.headers.get('cache-control')).toBe('private, no-store');
	});

	it('takes pageUrl from a same-origin Referer, else the island URL', async () => {
		const referred = await island('Greeting', { headers: { referer: `${app.url}/blog/hello-world?from=test` } });
		expect(referred.body).toContain('page=/blog/hello-world');
		const direct = await island('Greeting');
		expect(direct.body).toContain('page=/_mochi/island/Greeting');
		const foreign = await island('Greeting', { headers: { referer: 'https://elsewhere.example/steal' } });
		expect(foreign.body).toContain('page=/_mochi/island/Greeting');
	});

	it('renders an island with a top-level await', async () => {
		const { status, body } = await island('Slow');
		expect(status).toBe(200);
		expect(body).toContain('[slow] ms=50 done=true');
	});

	it('contains a throwing island: 500 with x-mochi-island-error, the others still answer 200', async () => {
		const all = await Promise.all(names.map((name) => island(name)));
		const byName = Object.fromEntries(names.map((name, i) => [name, all[i]]));
		const broken = byName.Broken;
		expect(broken.status).toBe(500);
		expect(broken.headers.get('x-mochi-island-error')).toBe('render');
		expect(broken.body).not.toContain('the broken island broke');
		for (const name of names.filter((name) => name !== 'Broken')) {
			expect(byName[name].status, name).toBe(200);
		}
		expect(app.output()).toMatch(/island Broken failed to render \(500\): Error: the broken island broke/);
	});

	it('names two Card.svelte files apart, and each answers with its own content', async () => {
		const cards = names.filter((name) => name.startsWith('Card'));
		expect(cards).toHaveLength(2);
		expect(cards[0]).not.toBe(cards[1]);
		for (const name of cards) expect(name).toMatch(/^Card-[0-9a-f]{6}$/);
		const bodies = await Promise.all(cards.map(async (name) => (await island(name)).body));
		const news = bodies.filter((body) => body.includes('[news-card] Mochi 1.0'));
		const shop = bodies.filter((body) => body.includes('[shop-card] daifuku'));
		expect(news).toHaveLength(1);
		expect(shop).toHaveLength(1);
	});

	it('fails a page whose island gets a class instance, naming the island and the prop', async () => {
		const { status, body } = await get(app, '/bad-prop');
		expect(status).toBe(500);
		expect(body).toContain('[error-page] status=500');
		const log = app.output();
		expect(log).toMatch(/Island <Greeting> \(src\/routes\/bad-prop\.svelte:\d+\): prop "at" can't be serialized/);
	});

	it('never mixes up the context of concurrent island requests', async () => {
		const users = Array.from({ length: 20 }, (_, i) => `user${i}`);
		const answers = await Promise.all(
			users.map((user) => island('Greeting', { headers: { cookie: `user=${user}`, referer: `${app.url}/from/${user}` } }))
		);
		answers.forEach(({ status, body }, i) => {
			expect(status).toBe(200);
			expect(body).toContain(`user=${users[i]} page=/from/${users[i]}`);
		});
	});
});
