// @toms/client: the one typed client the browser apps (the Teams tab, the Excel add-in) reach the
// service with. Its types come from their homes, @toms/domain and @toms/app, as types only.
export { TomsClient, type TomsClientOptions } from "./toms-client.js";
export { ApiError, UNREACHABLE_DETAIL } from "./api-error.js";
export { DiversityClient, type AuditQuery, type DiversityClientOptions, type FormLinksFor, type OpenCampaignRequest } from "./diversity-client.js";
export type { AuditEntry } from "./diversity-client.js";
export type { BaselineView, CampaignView, EngagementFilters, EngagementRow, ReminderRow, TeamsInvitationsSent } from "@toms/app/diversity";
export type { AuthConfig, ContractDashboard, ContractDetail, DemoUser, DevelopmentTokenRequest, DownloadedFile, Me, NoticePublished, ReportFileQuery, ReportQuery } from "./wire.js";
export type { AssessmentView, ContactChannelChoice, ContactReach, ContactView, ContractSocialValue, KpiView, OwedItem, RecordedUpdate, RemindedOwed, UpdateLinkSummary } from "@toms/app";
export type {
  AssessmentInput,
  AssessmentRecord,
  ComplianceFinding,
  ConfirmInput,
  Contract,
  ContractDelivery,
  EnteredCommitment,
  FieldError,
  KpiInput,
  KpiPatch,
  KpiPeriod,
  KpiRecord,
  KpiTemplate,
  KpiUpdate,
  KpiUpdateInput,
  NoticePublication,
  OcdsRelease,
  OwedUpdate,
  PortfolioContract,
  PortfolioDashboard,
  PromptChannel,
  RatingCounts,
  RatingId,
  RatingsInQuarter,
  ReminderInput,
  ReminderRecord,
  ReviewInput,
  Role,
  SocialValueLine,
  SocialValueReport,
  SupplierContact,
  SupplierScorecard,
  UpdateLinkState,
} from "@toms/domain";
