// A "slow" submission waits here until the suite opens the gate (PUT /api/bump with { open: true }): it stays in
// flight exactly as long as the test needs, however loaded the machine is, where a fixed delay could end first.
const waiting: Array<() => void> = [];

export function held(): Promise<void> {
	return new Promise((resolve) => waiting.push(resolve));
}

/** Releases every submission waiting; returns how many there were. */
export function openGate(): number {
	const released = waiting.splice(0);
	for (const release of released) release();
	return released.length;
}
