// Streaming, built and served by `node build`: over HTTP, then in Chromium.
import { useStreamingApp } from './fixture.js';
import { httpSuite } from './http.js';
import { browserSuite } from './browser.js';

const app = useStreamingApp('built');
httpSuite(app);
browserSuite(app);
