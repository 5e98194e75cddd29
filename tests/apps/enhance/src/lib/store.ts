// The fixture's state, in memory: a cart count and a log of mutations (a double submit shows twice).
export const store = { count: 0, mutations: 0, note: 'none' };
