export * from "./submission.js";
export * from "./commitments.js";
export * from "./award-record.js";
export * from "./award-request.js";
export * from "./award-rules.js";
export * from "./supplier-award-view.js";
