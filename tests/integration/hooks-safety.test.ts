// Hooks next to the safety settings, built: the render timeout answers a hook that never settles, and with a
// CSP the hook, the page and the policy header share one nonce.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, startBuilt, type RunningApp } from '../helpers/app.js';
import { START_TIMEOUT, get, islandPath } from './support.js';
import { HOOKS, island, logged, stillUp } from './hooks-support.js';

describe('hooks with a render timeout and a CSP (built)', () => {
	let app: RunningApp;

	beforeAll(async () => {
		await buildApp(HOOKS, { HOOKS_CSP: '1' });
		app = await startBuilt(HOOKS, { MOCHI_RENDER_TIMEOUT: '1500' });
	}, START_TIMEOUT);
	// The other suites build the fixture again, without the policy.
	afterAll(async () => {
		await app?.stop();
	});

	it('answers a page, an endpoint and an island whose hook never settles with their 503', async () => {
		const page = await get(app, '/about?hook=hang');
		expect(page.status).toBe(503);
		expect(page.body).toContain('The page took too long to render.');
		expect(page.headers.get('cache-control')).toBe('no-store');
		const endpoint = await get(app, '/api/locals?hook=hang');
		expect(endpoint.status).toBe(503);
		expect(endpoint.body).toContain('the endpoint took too long');
		const fragment = await get(app, `${islandPath('Whoami', 'x')}&hook=hang`);
		expect(fragment.status).toBe(503);
		expect(fragment.headers.get('x-mochi-island-error')).toBe('timeout');
		await logged(app, /GET \/about: no answer within 1500 ms \(server\.renderTimeout\), answered 503/);
		await stillUp(app);
	});

	it('gives the hook the nonce the page renders with and the policy names', async () => {
		const { status, headers, body } = await get(app, '/nonce?hook=nonce');
		expect(status).toBe(200);
		const nonce = headers.get('x-hook-nonce');
		expect(nonce).toMatch(/^[A-Za-z0-9+/_=-]{16,}$/);
		expect(body).toContain(`data-nonce="${nonce}"`);
		expect(headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
		// A fresh one per request.
		expect((await get(app, '/nonce?hook=nonce')).headers.get('x-hook-nonce')).not.toBe(nonce);
	});

	it('keeps the policy on an error page a hook threw to, with its own nonce', async () => {
		const { status, headers } = await get(app, '/about?hook=error');
		expect(status).toBe(403);
		expect(headers.get('content-security-policy')).toMatch(/'nonce-[^']+'/);
	});

	it('still serves islands under the policy', async () => {
		const { status, body } = await island(app, '/islands/whoami', 'Whoami', { cookie: 'user=Ada' });
		expect(status).toBe(200);
		expect(body).toContain('[whoami] user=Ada kind=island');
	});
});
