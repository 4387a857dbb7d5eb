// "@toms/app/diversity": the supplier diversity use cases (issue 11), kept out of @toms/app's index so
// that nothing of evaluation, award or contract management reaches them.
export { createDiversityDeps, DEFAULT_RETENTION_YEARS, type DiversityDeps, type DiversitySettings, type FormLinkLog } from "./diversity-deps.js";
export { FORM_LINK_NOT_VALID, MIN_PURPOSE_LENGTH, type Respondent } from "./diversity-access.js";
export { type CampaignView } from "./campaign-view.js";
export { type BaselineView } from "./baseline-view.js";
export { openCampaign } from "./open-campaign.js";
export { closeCampaign } from "./close-campaign.js";
export { listCampaigns } from "./list-campaigns.js";
export { issueFormLinks, type LinksFor } from "./issue-form-links.js";
export { reminderList, type ReminderRow } from "./reminder-list.js";
export { sendTeamsInvitations, type TeamsMessenger, type TeamsInvitationsSent } from "./send-teams-invitations.js";
export { openForm, type FormView } from "./open-form.js";
export { saveDraft } from "./save-draft.js";
export { submitResponse, type SubmittedResponse } from "./submit-response.js";
export { ownAnswers, type OwnAnswersExport } from "./own-answers.js";
export { readResponses, type IdentifiedResponse, type ReadResponsesRequest } from "./read-responses.js";
export { eraseAnswers, type AnalystErasure } from "./erase-answers.js";
export { baselineOf } from "./baseline-of.js";
export { publishBaseline } from "./publish-baseline.js";
export { engagementList, type EngagementListRequest } from "./engagement-list.js";
export { runRetention, RETENTION_ACTOR } from "./run-retention.js";
export { auditLog } from "./audit-log.js";
export type { EngagementFilters, EngagementRow } from "@toms/domain";
