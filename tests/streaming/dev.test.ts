// Streaming in `mochi dev`: the same HTTP suite, then Chromium.
import { useStreamingApp } from './fixture.js';
import { httpSuite } from './http.js';

const app = useStreamingApp('dev');
httpSuite(app);
