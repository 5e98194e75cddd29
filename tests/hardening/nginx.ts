// nginx for the tests: a generated config in a temp dir (pid, logs, temp files and cache all inside it), run as
// the current user in the foreground, on 127.0.0.1 only. Set NGINX_PATH to use another binary.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { get, sleep } from './support.js';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

/** One `server` block: pages from `pages`, islands from `islands` (each an upstream port). */
export interface Site {
	port: number;
	pages: number;
	islands: number;
}

/**
 * The README's "Behind nginx" settings, except that each site sends pages and islands to different instances,
 * so a test can see a page rendered by one instance have its islands answered by another.
 */
export function nginxConfig(dir: string, sites: Site[]): string {
	const user = process.getuid?.() === 0 ? 'user root;' : ''; // as root, workers would otherwise drop to nobody
	const upstreams = new Set(sites.flatMap((site) => [site.pages, site.islands]));
	return `
${user}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
	access_log ${dir}/access.log;
	client_body_temp_path ${dir}/tmp/body;
	proxy_temp_path ${dir}/tmp/proxy;
	fastcgi_temp_path ${dir}/tmp/fastcgi;
	uwsgi_temp_path ${dir}/tmp/uwsgi;
	scgi_temp_path ${dir}/tmp/scgi;
	proxy_cache_path ${dir}/cache levels=1:2 keys_zone=mochi:10m max_size=100m inactive=10m use_temp_path=off;
${[...upstreams].map((port) => `	upstream mochi_${port} { server 127.0.0.1:${port}; keepalive 16; }`).join('\n')}
${sites.map((site) => server(site)).join('\n')}
}
`;
}

function server({ port, pages, islands }: Site): string {
	return `
	server {
		listen 127.0.0.1:${port};
		proxy_http_version 1.1;
		proxy_set_header Connection "";
		proxy_set_header Host $http_host;
		proxy_set_header X-Forwarded-Proto $scheme;
		proxy_set_header X-Forwarded-Host $http_host;
		proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
		proxy_cache_key $scheme$http_host$request_uri;
		add_header X-Cache-Status $upstream_cache_status;

		location /_mochi/island/ {
			proxy_pass http://mochi_${islands};
			proxy_cache off;
		}

		location / {
			proxy_pass http://mochi_${pages};
			proxy_cache mochi;
			proxy_cache_lock on;
			proxy_cache_use_stale error timeout updating;
			proxy_cache_revalidate on;
		}
	}`;
}

export interface Nginx {
	dir: string;
	output(): string;
	stop(): Promise<void>;
}

/** Writes the config, starts nginx and waits until every site answers. */
export async function startNginx(sites: Site[]): Promise<Nginx> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mochi-nginx-'));
	fs.mkdirSync(path.join(dir, 'tmp'));
	fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, sites));
	const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const log = () => output + readIfThere(path.join(dir, 'error.log'));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT'); // graceful: finish, then exit
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		await exited;
		clearTimeout(timer);
		fs.rmSync(dir, { recursive: true, force: true });
	};

	const started = Date.now();
	for (const { port } of sites) {
		while (!(await get(`http://127.0.0.1:${port}/_nginx-ready`, { timeoutMs: 1_000 }).catch(() => undefined))) {
			if (child.exitCode !== null || Date.now() - started > 10_000) {
				await stop();
				throw new Error(`nginx did not start:\n${log()}`);
			}
			await sleep(50);
		}
	}
	return { dir, output: log, stop };
}

function readIfThere(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
