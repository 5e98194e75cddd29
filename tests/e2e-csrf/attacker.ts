// Another origin for the browser tests: a tiny node:http server on 127.0.0.1 at its own port (a different port
// is a different origin). Each page makes the visitor's browser send something to the app as soon as it loads.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Attacker {
	url: string;
	close(): Promise<void>;
}

/** Pages that post to `target` (the app's origin) on load, by path. */
function pages(target: string): Record<string, string> {
	const autoSubmit = (enctype: string) =>
		`<form method="POST" action="${target}/api/counter" enctype="${enctype}"><input name="x" value="1"></form>` +
		'<script>document.forms[0].submit()</script>';
	return {
		'/urlencoded': autoSubmit('application/x-www-form-urlencoded'),
		'/multipart': autoSubmit('multipart/form-data'),
		'/text': autoSubmit('text/plain'),
		// A sandboxed frame has an opaque origin: its form is sent with `Origin: null`.
		'/sandboxed': `<iframe sandbox="allow-forms allow-scripts" srcdoc="${autoSubmit('application/x-www-form-urlencoded').replace(/"/g, '&quot;')}"></iframe>`,
		// Scripts may send what a form can (no-cors: the answer is opaque, but the request goes out)...
		'/fetch': `<script>fetch('${target}/api/counter', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'x=1' }).then(() => document.title = 'sent', () => document.title = 'failed')</script>`,
		// ...or a body with no type at all (a Blob without one sends no Content-Type header)...
		'/fetch-blob': `<script>fetch('${target}/api/counter', { method: 'POST', mode: 'no-cors', credentials: 'include', body: new Blob(['x=1']) }).then(() => document.title = 'sent', () => document.title = 'failed')</script>`,
		// ...and no more: a PUT needs a preflight, which the app never grants, so it is never sent.
		'/fetch-put': `<script>fetch('${target}/api/counter', { method: 'PUT', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: 'x=1' }).then(() => document.title = 'sent', () => document.title = 'failed')</script>`
	};
}

export async function startAttacker(target: string): Promise<Attacker> {
	const html = pages(target);
	const server = http.createServer((req, res) => {
		const page = html[req.url ?? ''];
		if (!page) return void res.writeHead(404).end();
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>attacker</title>${page}`);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
