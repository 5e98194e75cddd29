// What ran: every page render, endpoint call and island render adds one to its counter, so a test can prove
// that a refused request ran none of them. On globalThis, so that dev reloads and every import share one.
const KEY = Symbol.for('test-app-csrf.counts');
const holder = globalThis as typeof globalThis & { [KEY]?: Record<string, number> };
const counts = (holder[KEY] ??= {});

export function count(name: string): void {
	counts[name] = (counts[name] ?? 0) + 1;
}

export function snapshot(): Record<string, number> {
	return { ...counts };
}
