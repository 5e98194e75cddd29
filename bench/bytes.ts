// `pnpm --filter mochi-bench bytes`: the bytes table alone (what each demo page makes a browser download),
// without the load scenarios: for checking a client-build change in a minute instead of a full bench run.
import { buildDemoCopy, startMochi } from './lib/servers.js';
import { measurePages } from './lib/bytes.js';
import { bytesTable } from './lib/report.js';

const PAGES = ['/', '/about', '/cart', '/products/matcha', '/island-failure'];
const COOKIE = 'demo_user=Ada; demo_cart=matcha,kinako';

const root = await buildDemoCopy((line) => console.error(line), { stream: true });
const server = await startMochi(root);
try {
	console.log(bytesTable(await measurePages(server.url, PAGES, { cookie: COOKIE })));
} finally {
	await server.stop();
}
