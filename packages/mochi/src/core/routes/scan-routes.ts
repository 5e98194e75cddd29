import fs from 'node:fs';
import path from 'node:path';
import { compareRoutes, routeId, routeShape, type Segment } from '../../runtime/shared/routes.js';
import { classifyFile } from './classify-file.js';
import { parseSegment } from './parse-segment.js';
import type { RouteFile, RouteTree } from './types.js';

export interface ScanRoutesOptions {
	/** The app root; `file`, `layouts` and `error` are relative to it. */
	root: string;
	/** The routes folder, relative to `root` (or absolute). Default `src/routes`. */
	routesDir?: string;
}

/** What a folder inherits from the folders above it. */
interface Scope {
	dir: string;
	segments: Segment[];
	layouts: string[];
	error: string | null;
}

/**
 * Reads the routes folder into a sorted route list. Synchronous on purpose: it runs once at
 * start-up and again when a route file is added or removed, and the tree is small.
 * Throws on anything that would make routing ambiguous, naming the files involved.
 */
export function scanRoutes(options: ScanRoutesOptions): RouteTree {
	const root = path.resolve(options.root);
	const routesDir = path.resolve(root, options.routesDir ?? 'src/routes');
	const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
	const routes: RouteFile[] = [];
	const warnings: string[] = [];

	if (!isDirectory(routesDir)) {
		warnings.push(`No routes folder at ${relative(routesDir) || '.'}: the app has no pages.`);
		return { routes, rootError: null, warnings };
	}

	// Symlinked folders are followed, but each real folder only once, so a link cycle cannot hang the scan.
	const visited = new Set<string>();

	function walk(scope: Scope): void {
		const real = fs.realpathSync(scope.dir);
		if (visited.has(real)) return;
		visited.add(real);

		const entries = fs.readdirSync(scope.dir, { withFileTypes: true });
		entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		const hasFile = (name: string) => entries.some((e) => e.name === name && isFileEntry(scope.dir, e));

		const layouts = hasFile('_layout.svelte')
			? [...scope.layouts, relative(path.join(scope.dir, '_layout.svelte'))]
			: scope.layouts;
		const error = hasFile('_error.svelte') ? relative(path.join(scope.dir, '_error.svelte')) : scope.error;

		for (const entry of entries) {
			// `_` marks private files and folders; `.` catches editor and OS droppings like .DS_Store.
			if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
			const full = path.join(scope.dir, entry.name);
			const file = relative(full);

			if (isDirectoryEntry(scope.dir, entry)) {
				const segment = parseSegment(entry.name, file + '/');
				walk({ dir: full, segments: [...scope.segments, segment], layouts, error });
				continue;
			}
			if (!isFileEntry(scope.dir, entry)) continue;

			const found = classifyFile(entry.name, file);
			if (found.warning) warnings.push(found.warning);
			if (!found.kind) continue;

			const segments =
				found.base === 'index' ? scope.segments : [...scope.segments, parseSegment(found.base, file)];
			const page = found.kind === 'page';
			routes.push({
				id: routeId(segments),
				kind: found.kind,
				file,
				layouts: page ? layouts : [],
				error: page ? error : null,
				segments
			});
		}
	}

	walk({ dir: routesDir, segments: [], layouts: [], error: null });

	for (const route of routes) checkSegments(route);
	checkConflicts(routes);
	routes.sort(compareRoutes);

	const rootErrorFile = path.join(routesDir, '_error.svelte');
	const rootError = isFile(rootErrorFile) ? relative(rootErrorFile) : null;
	return { routes, rootError, warnings };
}

function checkSegments(route: RouteFile): void {
	const names = new Set<string>();
	route.segments.forEach((segment, i) => {
		if (segment.type === 'static') return;
		if (segment.type === 'rest' && i !== route.segments.length - 1) {
			throw new Error(
				`Route ${route.file}: the rest param [...${segment.name}] must be the last segment of the route (${route.id}).`
			);
		}
		if (names.has(segment.name)) {
			throw new Error(`Route ${route.file}: the param name "${segment.name}" is used twice in ${route.id}.`);
		}
		names.add(segment.name);
	});
}

/** Two files that match exactly the same URLs (param names aside) leave no way to choose between them. */
function checkConflicts(routes: RouteFile[]): void {
	const byShape = new Map<string, RouteFile>();
	for (const route of routes) {
		const shape = routeShape(route.segments);
		const other = byShape.get(shape);
		if (other) {
			const url = other.id === route.id ? route.id : `the same URLs (${other.id} and ${route.id})`;
			throw new Error(
				`Routes ${other.file} and ${route.file} both map to ${url}. Remove or rename one of them.`
			);
		}
		byShape.set(shape, route);
	}
}

function isDirectory(file: string): boolean {
	return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(file: string): boolean {
	return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

// A symlink's Dirent says neither file nor folder, so ask about its target.
function isDirectoryEntry(dir: string, entry: fs.Dirent): boolean {
	return entry.isSymbolicLink() ? isDirectory(path.join(dir, entry.name)) : entry.isDirectory();
}

function isFileEntry(dir: string, entry: fs.Dirent): boolean {
	return entry.isSymbolicLink() ? isFile(path.join(dir, entry.name)) : entry.isFile();
}
