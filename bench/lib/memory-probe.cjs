// Loaded into the server under test by the soak (`node --require memory-probe.cjs build`): once a second,
// appends one JSON line to $MOCHI_MEMORY_PROBE with process.memoryUsage() (no GC forced: what the heap holds
// at that moment) and the GC pauses since the last line, so the soak can tell a JS heap that grows (ours)
// from resident memory that grows under a flat heap (the allocator's). Bench only: the framework knows nothing of it.
'use strict';
const fs = require('node:fs');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const v8 = require('node:v8');

const file = process.env.MOCHI_MEMORY_PROBE;
if (file) {
	const gc = { scavenges: 0, markSweeps: 0, pauseMs: 0 };
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = entry.detail?.kind;
			if (kind === constants.NODE_PERFORMANCE_GC_MAJOR || kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) gc.markSweeps += 1;
			else gc.scavenges += 1;
			gc.pauseMs += entry.duration;
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	const started = Date.now();
	const timer = setInterval(() => {
		// Old space in use: it rises only by promotion from the young generation, so its climb between two full
		// GCs is what per-request objects that lived too long cost.
		const oldSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')?.space_used_size ?? 0;
		const line = { t: (Date.now() - started) / 1000, ...process.memoryUsage(), oldSpace, ...gc };
		gc.scavenges = gc.markSweeps = gc.pauseMs = 0;
		fs.appendFileSync(file, JSON.stringify(line) + '\n');
	}, 1000);
	// Never what keeps the server alive, so SIGTERM's drain ends it as it would without the probe.
	timer.unref();
}
