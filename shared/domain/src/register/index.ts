export * from "./roles.js";
export * from "./supplier.js";
export * from "./contract.js";
export * from "./dates.js";
