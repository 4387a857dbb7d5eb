// Supplier diversity (issue 11): the questionnaire as versioned data, reading answers, and a
// business's size from its bands; the disclosure control that publishes counts identifying nobody;
// campaigns, form links and retention; and the engagement list.
export {
  QUESTION_KINDS,
  PREFER_NOT_TO_SAY,
  YES_NO_PREFER_NOT_TO_SAY,
  ETHNIC_GROUPS,
  BARRIERS,
  EMPLOYEE_BANDS,
  TURNOVER_BANDS,
  BALANCE_SHEET_BANDS,
  SECTORS,
  ORGANISATION_FORMS,
  SEXUAL_ORIENTATIONS,
  RELIGIONS,
  AGE_BANDS,
  QUESTIONNAIRE_V1,
  compareVersions,
  isAsked,
  allQuestions,
  questionsAsked,
  questionnaireProblems,
  ANSWER_VERSION_FIELDS,
  type QuestionKind,
  type QuestionOption,
  type BandOption,
  type OtherText,
  type ChoiceQuestion,
  type FreeTextQuestion,
  type NumberBandQuestion,
  type Question,
  type QuestionnaireSection,
  type Questionnaire,
} from "./questionnaire.js";
export { readDiversityAnswers, type DiversityAnswer, type DiversityAnswers, type DiversityAnswersResult } from "./responses.js";
export { businessSize, type BusinessSize, type SizeAnswers } from "./business-size.js";
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  suppressTables,
  yearOnYear,
  type FrequencyTable,
  type FrequencyTables,
  type PublishedTable,
  type PublishedTables,
  type SuppressionOptions,
  type YearOnYearChange,
  type YearOnYear,
} from "./disclosure.js";
export { diversityBaseline, type DiversityBaseline, type BaselineCounts, type BaselineOptions, type PublishedCount } from "./baseline.js";
export { baselineChange, type BaselineChange } from "./baseline-change.js";
export {
  CAMPAIGN_YEARS,
  CAMPAIGN_MAX_MONTHS,
  FORM_TOKEN_PROBLEMS,
  campaignInvitees,
  formTokenProblem,
  retentionCutoff,
  campaignYearProblems,
  type FormTokenProblem,
  type FormTokenTimes,
  type CampaignTimes,
} from "./campaign.js";
export {
  ENGAGEMENT_CHARACTERISTICS,
  ENGAGEMENT_SIZES,
  engagementFilterProblems,
  matchesEngagement,
  engagementRowOf,
  engagementCsv,
  type EngagementCharacteristic,
  type EngagementSize,
  type EngagementFilters,
  type EngagementRow,
  type EngagementSupplier,
} from "./engagement.js";
export { diversityInvitationCard, type InvitationCardInput } from "./invitation-card.js";
