// Orchestrators (Docker, Kubernetes, systemd) send SIGTERM and wait a grace period before SIGKILL:
// draining inside that window means no visitor sees a dropped request during a deploy.

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On the first SIGTERM/SIGINT: drain with `close`, then exit 0 (1 if draining failed).
 * A second signal exits at once, for the operator who pressed Ctrl-C twice on purpose.
 * Returns a function that removes the listeners.
 */
export function handleShutdownSignals(close: () => Promise<void>, log: (line: string) => void): () => void {
	let draining = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (draining) {
			log(`${signal} received again, exiting now`);
			return process.exit(1);
		}
		draining = true;
		log(`${signal} received, finishing in-flight requests`);
		close().then(
			() => process.exit(0),
			(error: unknown) => {
				log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
				process.exit(1);
			}
		);
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	return () => {
		for (const signal of SIGNALS) process.off(signal, onSignal);
	};
}
