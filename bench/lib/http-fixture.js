// Imported over and over by micro.js: the cost of import() of a module that is already loaded.
export const loaded = true;
