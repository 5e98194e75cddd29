// Bounded waits: a test that waits must say for what, and give up with that reason.

/** Polls `check` until it returns a truthy value, or rejects after `timeout` ms naming `what`. */
export async function waitFor<T>(
	check: () => T | Promise<T>,
	{ what, timeout = 5000, interval = 20 }: { what: string; timeout?: number; interval?: number }
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeout;
	for (;;) {
		const value = await check();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, interval));
	}
}

/** Rejects after `ms` naming `what`, so a hang fails with a reason instead of the runner's timeout. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout>;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
