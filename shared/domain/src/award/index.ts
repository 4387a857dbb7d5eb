export * from "./submission.js";
export * from "./commitments.js";
