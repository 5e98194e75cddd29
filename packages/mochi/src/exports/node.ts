// `mochi-framework/node`: the production server (`node build` imports this).
export { runServer, serveBuild, type ServeBuildOptions } from '../node/serve-build.js';
export { createServer, type ServerOptions, type MochiServer } from '../node/server.js';
