// How many Echo renders are waiting at once, and the most ever seen: the concurrency test reports the peak
// to show its requests really overlapped inside the server.

// The cluster test's crash loop: under this variable, every worker that loads the app dies at start-up.
if (process.env.HARDENING_FAIL_START === '1') throw new Error('HARDENING_FAIL_START is set: this worker refuses to start');

let inFlight = 0;
let peak = 0;

/** Sleeps `ms` while counted as in flight. */
export async function tracked(ms: number): Promise<void> {
	peak = Math.max(peak, ++inFlight);
	try {
		await new Promise((resolve) => setTimeout(resolve, ms));
	} finally {
		inFlight -= 1;
	}
}

export function gauge(): { inFlight: number; peak: number } {
	return { inFlight, peak };
}
