// @toms/domain: every rule of the suite, as pure isomorphic TypeScript (no I/O).
// Storage, HTTP, Office.js and the CLI are adapters around it.
export * from "./register/index.js";
export * from "./evaluation/index.js";
export * from "./award/index.js";
export * from "./field-error.js";
export * from "./delivery/index.js";
export * from "./prompts/index.js";
export * from "./diversity/index.js";
