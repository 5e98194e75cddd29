import { describe, expect, it } from 'vitest';
import { crashCounter } from './cluster.js';

describe('crashCounter', () => {
	const policy = { maxCrashes: 5, windowMs: 10_000, baseDelayMs: 100, maxDelayMs: 1_000 };

	it('backs off exponentially, capped, and calls 5 crashes within 10 s a crash loop', () => {
		const crashed = crashCounter(policy);
		expect([0, 1, 2, 3].map((t) => crashed(t))).toEqual([100, 200, 400, 800]);
		expect(crashed(4)).toBeUndefined();
	});

	it('forgets crashes older than the window', () => {
		const crashed = crashCounter(policy);
		for (let i = 0; i < 4; i++) crashed(i * 1_000);
		// The first crash (t=0) has left the window: four recent ones, not five.
		expect(crashed(10_000)).toBe(800);
		expect(crashed(60_000)).toBe(100);
	});

	it('caps the delay', () => {
		const crashed = crashCounter({ ...policy, maxCrashes: 100 });
		const delays = Array.from({ length: 8 }, (_, t) => crashed(t));
		expect(Math.max(...(delays as number[]))).toBe(1_000);
	});
});
