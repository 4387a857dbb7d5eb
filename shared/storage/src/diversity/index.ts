// Storage of supplier diversity (issue 11), "@toms/storage/diversity": its records and repositories, kept out of @toms/storage's index.
export {
  DIVERSITY_TABLES,
  AUDIT_ACTIONS,
  type DiversityTable,
  type CampaignRecord,
  type InvitationRecord,
  type FormTokenRecord,
  type Submitter,
  type StoredResponse,
  type StoredDraft,
  type AuditAction,
  type AuditEntry,
  type ResponseRow,
  type TeamsCardRecord,
  type TeamsCardState,
} from "./records.js";
export type { DiversityStorage, CampaignStorage, InvitationStorage, TokenStorage, ResponseStorage, AuditStorage, TeamsCardStorage, WithEtag } from "./diversity-storage.js";
export { openDiversityStorage } from "./open-diversity-storage.js";
