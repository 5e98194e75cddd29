// Islands that wait until the test says so (GET /api/release?gate=NAME), or at most `ms`: a test can hold one
// island back without timing anything. Counters say what islands started, finished and were told to stop.
// On globalThis: the dev server's module runner and the built bundle each keep one copy for all requests.
interface Gates {
	open: Map<string, () => void>;
	released: Set<string>;
	counts: Record<string, number>;
}
const KEY = Symbol.for('mochi-test.gates');
const holder = globalThis as { [KEY]?: Gates };
const gates: Gates = (holder[KEY] ??= { open: new Map(), released: new Set(), counts: {} });

export function count(what: string): void {
	gates.counts[what] = (gates.counts[what] ?? 0) + 1;
}

export function counts(): Record<string, number> {
	return { ...gates.counts };
}

/** Resolves with 'released' once released, 'aborted' when `signal` aborts, 'late' after `ms`. */
export function wait(gate: string, ms: number, signal?: AbortSignal): Promise<'released' | 'aborted' | 'late'> {
	if (gates.released.has(gate)) return Promise.resolve('released');
	return new Promise((resolve) => {
		const timer = setTimeout(() => done('late'), ms);
		const onAbort = () => done('aborted');
		function done(how: 'released' | 'aborted' | 'late') {
			clearTimeout(timer);
			signal?.removeEventListener('abort', onAbort);
			gates.open.delete(gate);
			resolve(how);
		}
		signal?.addEventListener('abort', onAbort);
		gates.open.set(gate, () => done('released'));
	});
}

export function release(gate: string): boolean {
	gates.released.add(gate);
	const open = gates.open.get(gate);
	open?.();
	return open !== undefined;
}
