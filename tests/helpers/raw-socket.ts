// Requests written byte for byte on a TCP socket: shapes no HTTP client sends (absolute-form and `*`
// targets, bodies cut short, garbage request lines), read back until the server closes or `timeout` passes.
import net from 'node:net';

export interface SocketAnswer {
	/** 0 when nothing came back before the connection closed (or the wait ran out). */
	status: number;
	/** Lower-case names; the last value of a repeated header. */
	headers: Record<string, string>;
	body: Buffer;
	/** The connection was closed by the server (or reset) before `timeout`. */
	closed: boolean;
}

export interface SocketOptions {
	/** Written after `head`, in order, `pause` ms apart (a trickled or cut-short body). */
	chunks?: Array<string | Buffer>;
	pause?: number;
	/** Destroy the socket once everything is written, without waiting for an answer. */
	hangUp?: boolean;
	/** How long to wait for the server; generous, the machine is shared. Default 5000. */
	timeout?: number;
}

/** `head` is the request line and headers, with `\n` line ends (sent as CRLF) and no final blank line. */
export function rawRequest(url: string, head: string, options: SocketOptions = {}): Promise<SocketAnswer> {
	const { hostname, port } = new URL(url);
	const timeout = options.timeout ?? 5000;
	return new Promise((resolve) => {
		const socket = net.connect(Number(port), hostname);
		const received: Buffer[] = [];
		let closed = false;
		const timer = setTimeout(() => socket.destroy(), timeout);
		socket.on('data', (chunk: Buffer) => received.push(chunk));
		socket.on('error', () => {});
		socket.on('close', () => {
			clearTimeout(timer);
			resolve(parse(Buffer.concat(received), closed));
		});
		socket.on('end', () => (closed = true));
		socket.write(head.replace(/\r?\n/g, '\r\n') + '\r\n\r\n');
		const rest = [...(options.chunks ?? [])];
		const next = () => {
			if (socket.destroyed) return;
			const chunk = rest.shift();
			if (chunk !== undefined) {
				socket.write(chunk);
				return void setTimeout(next, options.pause ?? 0);
			}
			if (options.hangUp) {
				closed = true;
				socket.destroy();
			}
		};
		next();
	});
}

function parse(raw: Buffer, closed: boolean): SocketAnswer {
	const split = raw.indexOf('\r\n\r\n');
	if (split === -1) return { status: 0, headers: {}, body: Buffer.alloc(0), closed };
	const [statusLine, ...lines] = raw.subarray(0, split).toString('latin1').split('\r\n');
	const headers: Record<string, string> = {};
	for (const line of lines) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	let body = raw.subarray(split + 4);
	if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
	else if (headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
	return { status: Number(statusLine.split(' ')[1]) || 0, headers, body, closed };
}

function unchunk(data: Buffer): Buffer {
	const parts: Buffer[] = [];
	let at = 0;
	while (at < data.length) {
		const lineEnd = data.indexOf('\r\n', at);
		if (lineEnd === -1) break;
		const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
		if (!(size > 0)) break;
		parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
		at = lineEnd + 2 + size + 2;
	}
	return Buffer.concat(parts);
}
