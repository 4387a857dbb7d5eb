// @toms/storage: Azure Table storage for the suite (Node only). One module per aggregate.
export * from "./entity.js";
export * from "./errors.js";
export * from "./store.js";
export * from "./journal.js";
export * from "./azurite.js";
export * from "./open.js";
export * from "./suppliers.js";
export * from "./contracts.js";
export * from "./storage.js";
export * from "./chunks.js";
export * from "./catalogues.js";
export * from "./evaluations.js";
export * from "./awards.js";
export * from "./delivery.js";
export * from "./reminders.js";
export * from "./settings.js";
export { describeStorage } from "./storage-description.js";
