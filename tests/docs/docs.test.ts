// The documentation site (sites/docs), built and served as production runs it: one build and one server
// for every suite in this folder (the sample-compiling test, samples.test.ts, needs neither).
import { browserSuite } from './browser.js';
import { useBuiltDocs } from './fixture.js';
import { islandsHttpSuite } from './islands-http.js';
import { pagesSuite } from './pages.js';

const docs = useBuiltDocs();

pagesSuite(docs);
islandsHttpSuite(docs);
browserSuite(docs);
