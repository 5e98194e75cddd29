// The binary frame at the start of a token's payload segment (layout: see token.ts), and the
// compression of its body. Pure byte work: no keys, no MACs.
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export const FRAME_VERSION = 2;
/** The body is deflate-raw compressed. */
export const FLAG_DEFLATE = 0b01;
/** Four bytes of issue time follow the key id. */
export const FLAG_ISSUED_AT = 0b10;
/**
 * The token is for a hydrated island. The MAC covers the mode as well, so flipping this bit only
 * breaks the signature; it is here so the verifier knows which one MAC to compute.
 */
export const FLAG_HYDRATE = 0b100;
const KNOWN_FLAGS = FLAG_DEFLATE | FLAG_ISSUED_AT | FLAG_HYDRATE;
const HEADER_BYTES = 6;
const ISSUED_AT_BYTES = 4;

/**
 * Bodies up to this many bytes go as they are: below it deflate rarely wins much, and the URL of a
 * small island stays readable in a network panel.
 */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * The most a body may decompress to (and the most `signToken` will sign). Inflating stops here, so
 * a small token can never make the server allocate more than this, whatever its ratio.
 */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface Frame {
	flags: number;
	keyId: number;
	/** Seconds since the epoch, when the signer set one (islands.maxAge). */
	issuedAt?: number;
	/** The body as sent: still compressed when `flags & FLAG_DEFLATE`. */
	body: Buffer;
}

/**
 * The payload bytes for `text`: header, then the body, compressed when it is over the threshold
 * AND deflate makes it smaller. zlib's output is a function of its input and options, so the
 * same props still give the same bytes.
 */
export function encodeFrame(keyId: number, text: Buffer, issuedAt?: number, hydrate = false): Buffer {
	let body = text;
	let flags = hydrate ? FLAG_HYDRATE : 0;
	if (text.length > COMPRESS_ABOVE_BYTES) {
		const packed = deflateRawSync(text, { level: 9 });
		if (packed.length < text.length) {
			body = packed;
			flags |= FLAG_DEFLATE;
		}
	}
	const header = Buffer.alloc(HEADER_BYTES + (issuedAt === undefined ? 0 : ISSUED_AT_BYTES));
	header[0] = FRAME_VERSION;
	header.writeUInt32BE(keyId, 2);
	if (issuedAt !== undefined) {
		flags |= FLAG_ISSUED_AT;
		header.writeUInt32BE(issuedAt, HEADER_BYTES);
	}
	header[1] = flags;
	return Buffer.concat([header, body]);
}

/** The frame of untrusted bytes, or undefined when they are not one (wrong version, unknown flags, no body). */
export function decodeFrame(bytes: Buffer): Frame | undefined {
	if (bytes.length <= HEADER_BYTES || bytes[0] !== FRAME_VERSION) return undefined;
	const flags = bytes[1];
	// Unknown flags are refused, not ignored: a later format must not be half-understood by this one.
	if ((flags & ~KNOWN_FLAGS) !== 0) return undefined;
	const keyId = bytes.readUInt32BE(2);
	if (!(flags & FLAG_ISSUED_AT)) return { flags, keyId, body: bytes.subarray(HEADER_BYTES) };
	if (bytes.length <= HEADER_BYTES + ISSUED_AT_BYTES) return undefined;
	const issuedAt = bytes.readUInt32BE(HEADER_BYTES);
	return { flags, keyId, issuedAt, body: bytes.subarray(HEADER_BYTES + ISSUED_AT_BYTES) };
}

/**
 * The body's devalue bytes. Only ever called on a body whose MAC checked out, so only a key holder
 * can make this inflate anything; the cap still bounds what a bad one costs. Never throws.
 */
export function inflateBody(frame: Frame): Buffer | 'too-large' | 'malformed' {
	if (!(frame.flags & FLAG_DEFLATE)) return frame.body;
	try {
		return inflateRawSync(frame.body, { maxOutputLength: MAX_PAYLOAD_BYTES });
	} catch (error) {
		return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'malformed';
	}
}
