// The control: the same listener does see violations. An app-owned inline script without the nonce, and a
// style attribute, are reported (and, unless the policy is report-only, blocked).
import { describe, expect, it } from 'vitest';
import type { CspApp } from './fixture.js';

export function controlSuite(app: CspApp, { reportOnly = false } = {}): void {
	// In dev, style-src allows inline styles (README, "CSP in dev"): only the script is refused.
	const expected = app.mode === 'dev' ? ['script-src-elem'] : ['script-src-elem', 'style-src-attr'];

	describe.each(app.mode === 'dev' ? ['/control'] : ['/control', '/control-prerendered'])('control page %s', (path) => {
		it(`reports ${expected.join(' and ')}${reportOnly ? ' without blocking them' : ', and blocks them'}`, async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			await page.goto(`${app.url}${path}`);
			await expect.poll(async () => (await visitor.violations()).length, { timeout: 5000 }).toBeGreaterThanOrEqual(expected.length);
			await page.waitForLoadState('networkidle');
			const violations = await visitor.violations();
			app.record(`${path} (control)`, violations.length);
			expect(violations.map((violation) => violation.directive).sort()).toEqual(expected);
			for (const violation of violations) expect(violation.disposition).toBe(reportOnly ? 'report' : 'enforce');
			const state = await page.evaluate(() => ({
				ran: (window as unknown as { controlRan?: number }).controlRan ?? null,
				color: getComputedStyle(document.querySelector('p.styled')!).color
			}));
			const styleBlocked = !reportOnly && app.mode !== 'dev';
			expect(state).toEqual({ ran: reportOnly ? 1 : null, color: styleBlocked ? 'rgb(0, 0, 0)' : 'rgb(255, 0, 0)' });
		});
	});
}
