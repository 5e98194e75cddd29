// "What now": the commands for the package manager that ran us (npm create, pnpm create, yarn create, bun create).

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** From `npm_config_user_agent`, e.g. `pnpm/10.12.1 npm/? node/v20.19.0 linux x64`; npm when unknown. */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
	const name = userAgent?.split('/')[0];
	return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

const COMMANDS: Record<PackageManager, { install: string; dev: string }> = {
	npm: { install: 'npm install', dev: 'npm run dev' },
	pnpm: { install: 'pnpm install', dev: 'pnpm dev' },
	yarn: { install: 'yarn', dev: 'yarn dev' },
	bun: { install: 'bun install', dev: 'bun run dev' }
};

/** `relativeDir`: the app's folder relative to where the user is ('' when it is that folder). */
export function nextSteps(relativeDir: string, packageManager: PackageManager): string {
	const { install, dev } = COMMANDS[packageManager];
	const cd = relativeDir ? [`cd ${quote(relativeDir)}`] : [];
	return ['Next steps:', '', ...[...cd, install, dev].map((line) => `  ${line}`)].join('\n');
}

// Only the folders above the app can hold spaces (its own name is a package name).
function quote(dir: string): string {
	return /^[\w./@:-]+$/.test(dir) ? dir : `"${dir.replace(/"/g, '\\"')}"`;
}
