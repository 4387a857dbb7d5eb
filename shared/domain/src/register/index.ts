export * from "./roles.js";
export * from "./access.js";
export * from "./organisation-name.js";
export * from "./supplier.js";
export * from "./contract.js";
export * from "./dates.js";
export * from "./service-areas.js";
export * from "./service-area-list.js";
