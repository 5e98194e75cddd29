import { describe, expect, it } from 'vitest';
import { forwardedAddress } from './client-address.js';

describe('forwardedAddress', () => {
	it('counts depth proxies from the right, so a client-written left part never counts', () => {
		const header = '1.1.1.1, 6.6.6.6, 203.0.113.9, 10.0.0.2';
		expect(forwardedAddress(header, 1)).toBe('10.0.0.2');
		expect(forwardedAddress(header, 2)).toBe('203.0.113.9');
		expect(forwardedAddress(header, 4)).toBe('1.1.1.1');
		// Two header lines are one list, in order.
		expect(forwardedAddress(['6.6.6.6', '203.0.113.9'], 1)).toBe('203.0.113.9');
	});

	it('falls back to the left-most entry when the list is shorter than the depth', () => {
		expect(forwardedAddress('203.0.113.9', 2)).toBe('203.0.113.9');
		expect(forwardedAddress('198.51.100.1, 203.0.113.9', 5)).toBe('198.51.100.1');
	});

	it('reads IPv6 and addresses with ports', () => {
		expect(forwardedAddress('2001:db8::1', 1)).toBe('2001:db8::1');
		expect(forwardedAddress('[2001:db8::1]:4711', 1)).toBe('2001:db8::1');
		expect(forwardedAddress('203.0.113.9:4711', 1)).toBe('203.0.113.9');
	});

	it.each([undefined, '', ' , ', 'unknown', 'evil.example', '203.0.113.9.1', '<script>', '[203.0.113.9]', '1.1.1.1, not-an-ip', '::ffff:1.2.3.4:80'])(
		'gives null (the peer) for %j',
		(header) => {
			expect(forwardedAddress(header, 1)).toBeNull();
		}
	);

	it('skips empty entries rather than counting them', () => {
		expect(forwardedAddress('203.0.113.9,, ,10.0.0.2', 2)).toBe('203.0.113.9');
	});
});
