// Streaming in `mochi dev`: the same HTTP suite, then Chromium.
import { useStreamingApp } from './fixture.js';
import { httpSuite } from './http.js';
import { browserSuite } from './browser.js';

const app = useStreamingApp('dev');
httpSuite(app);
browserSuite(app);
