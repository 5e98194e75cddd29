// CSRF over real HTTP (DESIGN.md §7): every shape of a cross-site form, on an endpoint, a page and the island
// endpoint, in the dev server and the built app, is a 403 before any app code runs (the fixture counts every
// page render, endpoint call and island render); same-origin, no-Origin, trusted and non-form requests pass.
import { afterAll, describe, expect, it } from 'vitest';
import { startDev, tokenOf, type RunningApp } from '../helpers/app.js';
import { inBatches, send } from '../helpers/raw-request.js';
import { MODES, START_TIMEOUT, useApp } from './support.js';
import { CSRF_APP, FORM_BODIES, TRUSTED, UNSAFE_METHODS, counts, crossSiteHeaders, refusal } from './csrf-fixture.js';

/** Refused shapes per mode, for the closing figure. */
const refused: Record<string, number> = {};
afterAll(() => console.log(`[csrf] cross-site form shapes refused with 403 (method × content type × origin × target): ${JSON.stringify(refused)}`));

describe.each(MODES)('CSRF (%s)', (mode) => {
	const app = useApp(mode, CSRF_APP);

	async function islandToken(): Promise<string> {
		return tokenOf((await send(`${app.url}/shell`)).body, 'Where');
	}

	it('refuses every cross-site form shape with 403 and runs nothing of the app', { timeout: 120_000 }, async () => {
		const token = await islandToken();
		const before = await counts(app.url);
		const targets = [
			{ kind: 'endpoint', path: '/api/counter', body: (form: string) => form },
			{ kind: 'page', path: '/form', body: (form: string) => form },
			// The island endpoint's POST carries the token as its body (text/plain from the runtime).
			{ kind: 'island', path: '/_mochi/island/Where', body: () => token }
		];
		const tasks = [];
		for (const target of targets)
			for (const method of UNSAFE_METHODS)
				for (const form of FORM_BODIES)
					for (const from of crossSiteHeaders(app.url)) {
						const shape = `${target.kind} ${method} ${form.type} ${JSON.stringify(from)}`;
						tasks.push(async () => {
							const answer = await send(`${app.url}${target.path}`, {
								method,
								headers: { ...from, 'content-type': form.type },
								body: target.body(form.body)
							});
							return { shape, answer };
						});
					}
		const results = await inBatches(tasks);
		for (const { shape, answer } of results) {
			expect(answer.status, shape).toBe(403);
			expect(answer.body, shape).toBe(refusal(shape.split(' ')[1]));
			expect(answer.headers['content-type'], shape).toBe('text/plain; charset=utf-8');
		}
		expect(results.length).toBe(3 * 4 * FORM_BODIES.length * 6);
		refused[mode] = results.length;
		// Nothing ran: no endpoint call, no page render, no island render.
		expect(await counts(app.url)).toEqual(before);
		// One rate-limited line per refusal, never a stack or a flood.
		const lines = app.output().split('\n').filter((line) => line.includes('[mochi] csrf: refused'));
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.length).toBeLessThanOrEqual(20);
		expect(app.output()).not.toMatch(/\n\s+at /);
		expect((await send(`${app.url}/`)).status).toBe(200);
	});

	it('refuses a cross-site body without a content type (a no-cors fetch of a Blob sends none), and passes it from the app or curl', async () => {
		const before = await counts(app.url);
		for (const method of UNSAFE_METHODS) {
			for (const from of crossSiteHeaders(app.url)) {
				const answer = await send(`${app.url}/api/counter`, { method, headers: from, body: 'x=1' });
				expect(answer.status, `${method} ${JSON.stringify(from)}`).toBe(403);
				expect(answer.body).toBe(refusal(method));
			}
			// An empty body, too: the request itself is the action.
			expect((await send(`${app.url}/api/counter`, { method, headers: { origin: 'https://evil.example' } })).status).toBe(403);
		}
		expect(await counts(app.url)).toEqual(before);
		for (const from of [{}, { origin: app.url }, { origin: app.url, 'sec-fetch-site': 'same-origin' }] as Array<Record<string, string>>) {
			const answer = await send(`${app.url}/api/counter`, { method: 'POST', headers: from, body: 'x=1' });
			expect(answer.status, JSON.stringify(from)).toBe(200);
			expect(answer.body).toBe('counted POST');
		}
	});

	it('lets same-origin, no-Origin, trusted and non-form requests through to the handler', async () => {
		const before = await counts(app.url);
		const passing: Array<Record<string, string>> = [
			{ origin: app.url },
			{ origin: app.url, 'sec-fetch-site': 'same-origin' },
			{},
			{ 'sec-fetch-site': 'same-origin' },
			{ 'sec-fetch-site': 'same-site' },
			{ 'sec-fetch-site': 'none' },
			{ origin: TRUSTED, 'sec-fetch-site': 'cross-site' }
		];
		let sent = 0;
		for (const method of UNSAFE_METHODS) {
			for (const form of FORM_BODIES) {
				for (const from of passing) {
					const answer = await send(`${app.url}/api/counter`, { method, headers: { ...from, 'content-type': form.type }, body: form.body });
					expect(answer.status, `${method} ${form.type} ${JSON.stringify(from)}`).toBe(200);
					expect(answer.body).toBe(`counted ${method}`);
					sent++;
				}
			}
			// Not a form: JSON needs a CORS preflight a browser would not get.
			const notForms: Array<Record<string, string>> = [
				{ origin: 'https://evil.example', 'content-type': 'application/json' },
				{ origin: 'null', 'content-type': 'application/json; charset=utf-8' }
			];
			for (const headers of notForms) {
				const answer = await send(`${app.url}/api/counter`, { method, headers, body: '{}' });
				expect(answer.status, `${method} ${JSON.stringify(headers)}`).toBe(200);
				sent++;
			}
		}
		const after = await counts(app.url);
		const calls = (all: Record<string, number>) => UNSAFE_METHODS.reduce((sum, method) => sum + (all[`endpoint:${method}`] ?? 0), 0);
		expect(calls(after) - calls(before)).toBe(sent);
		expect(after.page ?? 0).toBe(before.page ?? 0);
		// A cross-site GET is a read, never refused.
		expect((await send(`${app.url}/form`, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
	});

	it('hands a same-origin POST to a page on to the page (405: pages have no actions yet), unlike a cross-site one', async () => {
		const before = await counts(app.url);
		const form = FORM_BODIES[0];
		const same = await send(`${app.url}/form`, { method: 'POST', headers: { origin: app.url, 'content-type': form.type }, body: form.body });
		expect(same.status).toBe(405);
		expect(same.headers.allow).toBe('GET, HEAD');
		const cross = await send(`${app.url}/form`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': form.type }, body: form.body });
		expect(cross.status).toBe(403);
		expect((await counts(app.url)).page ?? 0).toBe(before.page ?? 0);
	});

	it("answers the island endpoint's same-origin POST (the runtime's long-token fetch) as before", async () => {
		const token = await islandToken();
		const before = (await counts(app.url)).island ?? 0;
		const answer = await send(`${app.url}/_mochi/island/Where`, {
			method: 'POST',
			headers: { origin: app.url, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain;charset=UTF-8', referer: `${app.url}/shell` },
			body: token
		});
		expect(answer.status).toBe(200);
		expect(answer.body).toContain(`[where] page=${app.url}/shell`);
		expect((await counts(app.url)).island).toBe(before + 1);
	});
});

describe('CSRF turned off (mochi({ csrf: false }), dev server)', () => {
	let app: RunningApp;

	it('lets a cross-site form through to the endpoint and the island', { timeout: START_TIMEOUT }, async () => {
		app = await startDev(CSRF_APP, { configFile: 'vite.csrf-off.config.ts' });
		try {
			const before = await counts(app.url);
			for (const method of UNSAFE_METHODS) {
				const answer = await send(`${app.url}/api/counter`, {
					method,
					headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
					body: 'x=1'
				});
				expect(answer.status).toBe(200);
			}
			const token = tokenOf((await send(`${app.url}/shell`)).body, 'Where');
			const island = await send(`${app.url}/_mochi/island/Where`, { method: 'POST', headers: { origin: 'null', 'content-type': 'text/plain' }, body: token });
			expect(island.status).toBe(200);
			const after = await counts(app.url);
			for (const method of UNSAFE_METHODS) expect(after[`endpoint:${method}`] ?? 0).toBe((before[`endpoint:${method}`] ?? 0) + 1);
		} finally {
			await app.stop();
		}
	});
});
