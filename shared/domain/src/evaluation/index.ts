// Evaluation: the catalogue of measures, the workbook model, reading and scoring an evaluation
// workbook, and the sheets and JSON that every front end shares.
// Also published alone as `@toms/domain/evaluation`: it needs no zod, so the toms CLI starts faster.
export * from "./grid.js";
export * from "./issues.js";
export * from "./limits.js";
export * from "./catalogue.js";
export * from "./default-catalogue.js";
export * from "./csv.js";
export * from "./catalogue-csv.js";
export * from "./model.js";
export * from "./scoring.js";
export * from "./workbook.js";
export * from "./report.js";
export * from "./template.js";
