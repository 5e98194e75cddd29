// What the kernel says a process has used: CPU time (utime + stime, all threads) and resident memory.
// Linux only (/proc); the bench says so instead of printing numbers it cannot have.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat (`getconf CLK_TCK`, 100 almost everywhere). */
export const CLOCK_TICKS = clockTicks();

function clockTicks(): number {
	try {
		const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
		return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
	} catch {
		return 100;
	}
}

export interface CpuTime {
	/** Microseconds in user space (JavaScript, V8, GC helper threads, libuv). */
	user: number;
	/** Microseconds in the kernel on the process's behalf (syscalls: socket reads and writes, mmap). */
	system: number;
}

/** CPU time the process has used so far (every thread, GC included). */
export function cpuTime(pid: number): CpuTime {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the name and state.
	return { user: (Number(fields[11]) * 1_000_000) / CLOCK_TICKS, system: (Number(fields[12]) * 1_000_000) / CLOCK_TICKS };
}

/** User + system microseconds so far. */
export function cpuMicros(pid: number): number {
	const { user, system } = cpuTime(pid);
	return user + system;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]);
	return kb * 1024;
}

export function procAvailable(): boolean {
	return fs.existsSync(`/proc/${process.pid}/stat`);
}

/**
 * Waits until `pid` has used no CPU for `quietMs` (GC and timers left over from the last load have
 * finished), or `timeoutMs` passed. Returns whether it went quiet.
 */
export async function settle(pid: number, quietMs = 300, timeoutMs = 3000): Promise<boolean> {
	const started = Date.now();
	let last = cpuMicros(pid);
	let quietSince = Date.now();
	while (Date.now() - started < timeoutMs) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		const now = cpuMicros(pid);
		if (now !== last) {
			last = now;
			quietSince = Date.now();
		} else if (Date.now() - quietSince >= quietMs) {
			return true;
		}
	}
	return false;
}
