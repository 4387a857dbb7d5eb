// Contract delivery: KPIs, periods, updates and reviews, social value delivered, assessments,
// UK9 notices, dashboards and the annual report (docs/delivery.md).
export * from "./model.js";
export * from "./periods.js";
export * from "./kpis.js";
export * from "./ratings.js";
export * from "./updates.js";
export * from "./summary.js";
export * from "./status.js";
export * from "./compliance.js";
export * from "./assessment.js";
export * from "./portfolio.js";
export * from "./social-value.js";
export * from "./report.js";
export * from "./performance-notice.js";
export * from "./kpi-templates.js";
export * from "./money.js";
