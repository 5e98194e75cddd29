import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleShutdownSignals } from './signals.js';

afterEach(() => vi.restoreAllMocks());

/** Captures the listener instead of emitting a real signal, which the test runner's own handlers would see too. */
function install(close: () => Promise<void>) {
	const on = vi.spyOn(process, 'on');
	const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
	const lines: string[] = [];
	const dispose = handleShutdownSignals(close, (line) => lines.push(line));
	const listener = on.mock.calls.find(([name]) => name === 'SIGTERM')?.[1] as (signal: string) => void;
	expect(on.mock.calls.map(([name]) => name)).toEqual(['SIGTERM', 'SIGINT']);
	return { listener, exit, lines, dispose };
}

describe('handleShutdownSignals', () => {
	it('drains, then exits 0', async () => {
		let finish!: () => void;
		const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
		const { listener, exit, lines, dispose } = install(close);
		listener('SIGTERM');
		expect(close).toHaveBeenCalledOnce();
		await Promise.resolve();
		expect(exit).not.toHaveBeenCalled(); // still draining
		finish();
		await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0), { timeout: 1000 });
		expect(lines[0]).toMatch(/SIGTERM/);
		dispose();
	});

	it('exits at once on a second signal', () => {
		const close = vi.fn(() => new Promise<void>(() => {}));
		const { listener, exit, dispose } = install(close);
		listener('SIGINT');
		listener('SIGINT');
		expect(exit).toHaveBeenCalledWith(1);
		expect(close).toHaveBeenCalledOnce();
		dispose();
	});

	it('exits 1 when draining fails', async () => {
		const { listener, exit, lines, dispose } = install(() => Promise.reject(new Error('stuck')));
		listener('SIGTERM');
		await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1), { timeout: 1000 });
		expect(lines.at(-1)).toContain('stuck');
		dispose();
	});

	it('removes its listeners when disposed', () => {
		const before = process.listenerCount('SIGTERM');
		const dispose = handleShutdownSignals(async () => {}, () => {});
		expect(process.listenerCount('SIGTERM')).toBe(before + 1);
		dispose();
		expect(process.listenerCount('SIGTERM')).toBe(before);
	});
});
