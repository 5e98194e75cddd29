// vitest globalSetup: generate the templates (as the build does) so tests see what the package ships.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup() {
	execFileSync(process.execPath, [fileURLToPath(new URL('sync-templates.js', import.meta.url))], { stdio: 'inherit' });
}
