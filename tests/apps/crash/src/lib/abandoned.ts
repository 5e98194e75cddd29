// What the endpoints that wait on their request's signal saw: the suites read it back through /api/abandoned.
export const abandoned: string[] = [];
