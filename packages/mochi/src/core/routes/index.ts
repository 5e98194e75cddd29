// Build/dev-time route discovery: `src/routes` on disk in, a sorted route list out.
export { scanRoutes, type ScanRoutesOptions } from './scan-routes.js';
export { parseSegment } from './parse-segment.js';
export type { RouteFile, RouteTree, Segment } from './types.js';
