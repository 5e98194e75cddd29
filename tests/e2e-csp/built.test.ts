// CSP end to end: the built test app (a strict, enforced policy) in headless Chromium. Every Mochi feature
// works with zero violations; the control shows the listener would have seen one.
import { controlSuite } from './control.js';
import { enhancedAnswerSuite } from './enhanced-answer.js';
import { useCspApp } from './fixture.js';
import { headersSuite } from './headers.js';
import { hostilePageSuite } from './hostile-page.js';
import { showcaseSuite } from './showcase.js';

const app = useCspApp('built');

showcaseSuite(app);
enhancedAnswerSuite(app);
hostilePageSuite(app);
controlSuite(app);
headersSuite(app);
