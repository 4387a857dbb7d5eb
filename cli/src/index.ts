// @toms/cli as a library: the command runner and the seam through which catalogues are found.
export { run, scoreTable, EXIT, processIo, type Io, type RunOptions } from "./cli.js";
export { builtInCatalogues, readCatalogueFile, type CatalogueSource } from "./catalogues.js";
