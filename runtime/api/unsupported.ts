// Node-API functions the headers declare that the runtime deliberately does
// not provide, each with the reason (docs/coverage.md lists them; the
// coverage test fails for any other declared function the import object
// lacks). None today.

export const DELIBERATELY_UNSUPPORTED: Readonly<Record<string, string>> = {};
