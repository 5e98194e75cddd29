// An enhanced form's fail() answer replaces the document, but the document keeps the policy of its first
// response: the answer's inline script and style, its hydratable() data and its islands carry the answer's
// own nonce, and must still run (show-answer.ts gives them the document's), with zero violations.
import { describe, expect, it } from 'vitest';
import { hydrated, WAIT } from '../e2e-client-islands/page.js';
import type { CspApp } from './fixture.js';
import { expectNoViolations } from './showcase.js';

const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

export function enhancedAnswerSuite(app: CspApp): void {
	describe('an enhanced form under the strict policy', () => {
		it("shows a fail() answer whose tags carry another nonce, and an action's result, with everything in them running", async () => {
			const visitor = await app.visitor();
			const { page } = visitor;
			const first = await page.goto(`${app.url}/form`);
			const documentNonce = nonceOf((await first!.allHeaders())['content-security-policy']);
			expect(documentNonce).toBeTruthy();
			await page.waitForSelector('mochi-island[name=Greeting][state=loaded]', { timeout: WAIT });
			expect(await page.evaluate(() => (window as unknown as { formRuns: number }).formRuns)).toBe(1);

			const answered = page.waitForResponse((response) => response.request().method() === 'POST');
			await page.locator('form.greet button').click();
			const answer = await answered;
			expect(answer.status()).toBe(400);
			// Without a fresh nonce in the answer this test would prove nothing.
			const answerNonce = nonceOf((await answer.allHeaders())['content-security-policy']);
			expect(answerNonce).toBeTruthy();
			expect(answerNonce).not.toBe(documentNonce);

			await expect.poll(() => page.locator('.missing').textContent(), { timeout: WAIT }).toBe('a name, please');
			// The answer's own inline script ran, its style applies, its islands load and hydrate with their data.
			await expect.poll(() => page.evaluate(() => (window as unknown as { formRuns: number }).formRuns), { timeout: WAIT }).toBe(2);
			expect(await page.evaluate(() => getComputedStyle(document.querySelector('.missing')!).textDecorationLine)).toBe('underline');
			await page.waitForSelector('mochi-island[name=Greeting][state=loaded]', { timeout: WAIT });
			expect(await page.locator('p.greeting').textContent()).toBe('Hello from the server, form');
			await hydrated(page, 'mochi-island[name=Stamp]');
			await expect.poll(() => page.locator('p.stamp').getAttribute('data-seen'), { timeout: WAIT }).toBe('from-server');
			await hydrated(page, 'mochi-island[name=Cart][hydrate]');
			await expect.poll(() => page.locator('section.cart').getAttribute('data-seen'), { timeout: WAIT }).toBe('tea,cake');
			await expectNoViolations(app, visitor, '/form (fail() answer shown)');

			// The shown page's form is enhanced again; its answer is shown the same way.
			await page.locator('form.greet input[name=name]').fill('Ann');
			await page.locator('form.greet button').click();
			await expect.poll(() => page.locator('.greeted').textContent(), { timeout: WAIT }).toBe('hello Ann');
			await expect.poll(() => page.evaluate(() => (window as unknown as { formRuns: number }).formRuns), { timeout: WAIT }).toBe(3);
			await expectNoViolations(app, visitor, '/form (result shown)');
		});
	});
}
