import { json } from 'mochi-framework';
import { counts } from '$lib/gate.js';

// `resources`: what keeps the process busy (sockets, timers), to see that an abandoned stream leaves nothing open.
export function GET() {
	return json({ ...counts(), resources: process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap').length });
}
