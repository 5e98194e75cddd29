// `mochi dev` with the same policy: sent with the dev allowances (inline styles, HMR's WebSocket), every
// island kind works with zero violations, and scripts without the nonce are still refused.
import { describe, expect, it } from 'vitest';
import { controlSuite } from './control.js';
import { enhancedAnswerSuite } from './enhanced-answer.js';
import { useCspApp } from './fixture.js';
import { showcaseSuite } from './showcase.js';

const app = useCspApp('dev');

describe('dev: the header', () => {
	it("keeps the app's policy, adds a nonce for scripts, 'unsafe-inline' for styles and ws: for HMR", async () => {
		const response = await fetch(`${app.url}/`);
		const policy = response.headers.get('content-security-policy')!;
		expect(policy).toMatch(
			/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]+'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; connect-src 'self' ws: wss:$/
		);
	});
});

showcaseSuite(app);
enhancedAnswerSuite(app);
controlSuite(app);
