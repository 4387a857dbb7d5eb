// Contract delivery: KPIs, periods, updates and reviews, social value delivered, assessments,
// UK9 notices, dashboards and the annual report (docs/delivery.md). The public part, by name:
// the rest (how marks are read, money in pence, what is owed per KPI) stays inside the folder.
export { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_REPORTERS, KPI_KINDS, RATINGS, REVIEW_DECISIONS, ASSESSMENT_KINDS, COMPLIANCE_CODES, type KpiDirection, type KpiFrequency, type KpiReporter, type KpiKind, type RatingId, type KpiTargetVersion, type TrackedCommitment, type KpiRecord, type SubmittedAs, type KpiUpdateRecord, type ReviewDecision, type KpiReview, type UpdateStatus, type KpiUpdate, type PeriodInfo, type PeriodEntry, type PeriodStatus, type KpiPeriod, type AssessmentKind, type AssessmentKpi, type AssessmentRecord, type NoticePublication, type AssessmentDigest, type DeliverySummary, type KpiTemplate, type SocialValueLine, type ComplianceCode, type ComplianceFinding, type DeliveryDigest, type OwedUpdate } from "./model.js";
export { parsePeriod, periodStartDate, periodOf, periodLabel, quartersTo, contractPeriods, periodError, addDays } from "./periods.js";
export { kpiInputSchema, kpiPatchSchema, enteredCommitmentSchema, newKpi, applyKpiPatch, targetFor, commitmentKpi, type KpiInput, type KpiPatch, type EnteredCommitment } from "./kpis.js";
export { rate, ratingLabel, ratingOcdsId, suggestRating, countRatings, worstRating, type RatingCounts, type RatingsInQuarter } from "./ratings.js";
export { kpiUpdateInputSchema, reviewInputSchema, requestDigest, updateViews, updateRefusal, reviewRefusal, type KpiUpdateInput, type ReviewInput } from "./updates.js";
export { summarise, deliveryDigest, type DeliveryRecords } from "./summary.js";
export { periodStatus } from "./owed.js";
export { RATING_QUARTERS, kpiPeriods, currentRating, deliveryCounts, contractDelivery, type DeliveryCounts, type ContractDelivery } from "./status.js";
export { ASSESSMENT_WARNING_DAYS, KPI_MINIMUM, NOTICE_DAYS, assessmentOwed, nextAssessment, complianceFindings, type AssessmentOwed } from "./compliance.js";
export { assessmentInputSchema, confirmInputSchema, draftAssessment, confirmAssessment, type AssessmentInput, type ConfirmInput } from "./assessment.js";
export { NO_SERVICE_AREA, portfolioDashboard, supplierScorecard, type PortfolioTotals, type PortfolioContract, type PortfolioDashboard, type PortfolioContext, type ContractCounts, type SupplierScorecard } from "./portfolio.js";
export { OWED_WHATS, reminderInputSchema, reminderKey, owedItemKey, reminderTarget, latestReminders, type ReminderRecord, type ReminderInput, type ReminderRefusal } from "./reminders.js";
export { socialValueLines, sumLines } from "./social-value.js";
export { YEAR_TYPES, yearRange, REPORT_GROUPS, socialValueReport, socialValueReportCsv, type YearType, type ReportRow, type SocialValueReport, type ReportOptions } from "./report.js";
export { performanceNotice, type NoticeBuyer, type PerformanceNoticeInput, type OcdsRelease } from "./performance-notice.js";
export { kpiTemplateInputSchema, BUILT_IN_KPI_TEMPLATES, type KpiTemplateInput } from "./kpi-templates.js";
export { longDate, withUnit } from "./words.js";
export { UPDATE_LINK_STATES, LINK_ITEM_STATES, DEFAULT_UPDATE_LINK_DAYS, updateLinkProblem, supplierOwedItems, linkItemState, isAnswerable, updateLinkState, linkItemViews, type LinkItemView, type UpdateLinkItem, type UpdateLinkRecord, type UpdateLinkState, type UpdateLinkProblem, type LinkItemState } from "./update-links.js";
