// Browser chunks that must share no module with the island runtime repeat a few names of constants.ts
// (enhance-constants.ts, client/client-island-names.ts say why): the copies must say the same thing.
import { describe, expect, it } from 'vitest';
import * as constants from './constants.js';
import * as enhance from './enhance-constants.js';
import * as stream from './stream-constants.js';
import * as clientIsland from '../client/client-island-names.js';

describe('names repeated outside constants.ts', () => {
	it('enhance-constants.ts agrees with constants.ts', () => {
		expect(enhance.ISLAND_TAG).toBe(constants.ISLAND_TAG);
		expect(enhance.TOKEN_ATTRIBUTE).toBe(constants.TOKEN_ATTRIBUTE);
		expect(enhance.ISLAND_ERROR_EVENT).toBe(constants.ISLAND_ERROR_EVENT);
	});

	it('client-island-names.ts agrees with constants.ts', () => {
		expect(clientIsland.COMPONENT).toBe(constants.COMPONENT_ATTRIBUTE);
		expect(clientIsland.SHELL).toBe(`${constants.ISLAND_TAG}[${constants.TOKEN_ATTRIBUTE}]`);
		expect(clientIsland.HYDRATE_EVENT).toBe(constants.ISLAND_HYDRATE_EVENT);
		expect(clientIsland.ERROR_EVENT).toBe(constants.ISLAND_ERROR_EVENT);
	});

	it('stream-constants.ts agrees with constants.ts', () => {
		expect(stream.ISLAND_TAG).toBe(constants.ISLAND_TAG);
		expect(stream.STREAM_ATTRIBUTE).toBe(constants.STREAM_ATTRIBUTE);
		expect(stream.ISLAND_LOAD_EVENT).toBe(constants.ISLAND_LOAD_EVENT);
		expect(stream.ISLAND_ERROR_EVENT).toBe(constants.ISLAND_ERROR_EVENT);
	});
});
