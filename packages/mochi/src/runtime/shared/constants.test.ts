import { describe, expect, it } from 'vitest';
import * as island from './constants.js';
import * as enhance from './enhance-constants.js';
import * as stream from './stream-constants.js';

// The enhance and stream chunks repeat a few island names so they share no module with the runtime.
describe('repeated constants', () => {
	it('enhance-constants.ts says what constants.ts says', () => {
		expect([enhance.ISLAND_TAG, enhance.TOKEN_ATTRIBUTE, enhance.ISLAND_ERROR_EVENT]).toEqual([island.ISLAND_TAG, island.TOKEN_ATTRIBUTE, island.ISLAND_ERROR_EVENT]);
	});
	it('stream-constants.ts says what constants.ts says', () => {
		expect([stream.ISLAND_TAG, stream.STREAM_ATTRIBUTE, stream.ISLAND_LOAD_EVENT, stream.ISLAND_ERROR_EVENT]).toEqual([
			island.ISLAND_TAG,
			island.STREAM_ATTRIBUTE,
			island.ISLAND_LOAD_EVENT,
			island.ISLAND_ERROR_EVENT
		]);
	});
});
