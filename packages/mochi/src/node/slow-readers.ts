// Node's own timeouts end once the request has arrived. A client that then stops reading, or reads a byte at a
// time, would keep a big answer (a static file, an endpoint's stream, a large page) and its connection open for
// as long as it likes; a few hundred such clients hold a server's sockets and memory. So, per connection: while
// bytes of an answer wait for the client, it must take at least `minSendRate` bytes a second, measured over
// `sendTimeout`; else the connection is closed. Time spent rendering or waiting on the app's stream is not
// counted (nothing waits for the client then), so neither slow pages nor long downloads at a sane rate are cut.
import type http from 'node:http';
import type { Socket } from 'node:net';
import { rateLimited, type Log } from '../runtime/server/log.js';

export interface SlowReaderOptions {
	/** The window, in ms; 0 turns the guard off. */
	sendTimeout: number;
	/** Bytes per second the client must take over a window; 0: anything but nothing. */
	minSendRate: number;
	log: Log;
}

interface Window {
	/** When the client became the bottleneck (or the last window passed). */
	start: number;
	/** What the kernel had taken from us by then. */
	taken: number;
	/** Bytes were waiting at the last check: the window is running. */
	waiting: boolean;
	/** The latest request on the connection, to name it in the log. */
	request?: http.IncomingMessage;
}

interface Handle {
	bytesWritten?: number;
	writeQueueSize?: number;
}

/**
 * Bytes of ours the kernel has accepted. One big write (a 30 MB page in one `end`) stays in `writableLength` until
 * libuv has written all of it, so Node's own socket timeout looks at the handle's write queue, which shrinks as
 * the kernel takes bytes (net.js `_onTimeout`); so does this. Without a handle: completed writes only.
 */
function taken(socket: Socket): number {
	const handle = (socket as unknown as { _handle?: Handle | null })._handle;
	if (typeof handle?.bytesWritten === 'number' && typeof handle.writeQueueSize === 'number') {
		return handle.bytesWritten - handle.writeQueueSize;
	}
	return socket.bytesWritten - socket.writableLength;
}

/** Watches every connection of `server` with one timer (a few per window), started when the server listens. */
export function guardSlowReaders(server: http.Server, options: SlowReaderOptions): void {
	const { sendTimeout, minSendRate } = options;
	if (sendTimeout === 0) return;
	const log = rateLimited(options.log);
	const windows = new Map<Socket, Window>();

	server.on('connection', (socket: Socket) => {
		windows.set(socket, { start: Date.now(), taken: 0, waiting: false });
		socket.once('close', () => windows.delete(socket));
	});
	server.on('request', (req: http.IncomingMessage) => {
		const window = windows.get(req.socket);
		if (window) window.request = req;
	});

	const check = () => {
		const now = Date.now();
		for (const [socket, window] of windows) {
			const total = taken(socket);
			// Nothing waiting: the client is keeping up, or the app is still working. No window runs.
			if (socket.writableLength === 0) {
				window.waiting = false;
				continue;
			}
			// The first check that finds bytes waiting starts the window, after what the kernel's buffers took at once.
			if (!window.waiting) {
				Object.assign(window, { start: now, taken: total, waiting: true });
				continue;
			}
			const elapsed = now - window.start;
			if (elapsed < sendTimeout) continue;
			const progress = total - window.taken;
			if (progress > (minSendRate * elapsed) / 1000) {
				window.start = now;
				window.taken = total;
				continue;
			}
			const request = window.request ? `${window.request.method} ${window.request.url?.split('?', 1)[0].slice(0, 200)}` : 'a connection';
			log(
				'slow reader',
				`[mochi] ${request} from ${socket.remoteAddress}: the client took ${progress} B in ${elapsed} ms of an answer ` +
					`waiting for it (server.minSendRate ${minSendRate} B/s over server.sendTimeout ${sendTimeout} ms), closing the connection`
			);
			windows.delete(socket);
			socket.destroy();
		}
	};
	// A few checks per window: a stalled client is cut within two checks (a quarter of `sendTimeout` each, at most
	// 5 s) past `sendTimeout`.
	const every = Math.max(50, Math.min(5_000, Math.floor(sendTimeout / 4)));
	let timer: NodeJS.Timeout | undefined;
	server.on('listening', () => (timer ??= setInterval(check, every).unref()));
	server.on('close', () => clearInterval(timer));
}
