// What the diversity tables hold (issue 11): one record type per table, as the use cases read and write them.
import type { DiversityAnswers } from "@toms/domain";

/** The diversity tables; kept apart from the suite's other tables (docs/diversity.md). */
export const DIVERSITY_TABLES = ["DiversityCampaigns", "DiversityInvitations", "DiversityTokens", "DiversityResponses", "DiversityAudit", "DiversityTeamsCards"] as const;
export type DiversityTable = (typeof DIVERSITY_TABLES)[number];

/** A year's questionnaire campaign: opened, closed, and its baseline published. */
export interface CampaignRecord {
  year: number;
  questionnaireVersion: string;
  openedAt: string;
  openedBy: string;
  closesAt: string;
  closedAt?: string;
  closedBy?: string;
  publishedAt?: string;
  publishedBy?: string;
  /** How many suppliers were invited when the campaign opened. */
  invited: number;
}

/** A supplier invited to a year's campaign, and how far it has got. */
export interface InvitationRecord {
  year: number;
  supplierId: string;
  supplierName: string;
  contactName?: string;
  contactEmail?: string;
  invitedAt: string;
  linksIssuedAt?: string;
  answeredAt?: string;
}

/** A form link's token, known only by its SHA-256 hash (hex): the token itself is never stored. */
export interface FormTokenRecord {
  tokenHash: string;
  year: number;
  supplierId: string;
  issuedAt: string;
  expiresAt: string;
}

/** Who sent an answer: the holder of a form link, or a signed-in supplier contact. */
export type Submitter = { kind: "form" } | { kind: "user"; userId: string };

/** One submission of a supplier's answers for a year (the one that counts, or one of its history). */
export interface StoredResponse {
  year: number;
  supplierId: string;
  revision: number;
  answers: DiversityAnswers;
  submittedAt: string;
  submittedBy: Submitter;
  idempotencyKey?: string;
}

/** Answers saved from the form without being sent: the fields as typed, not yet read as answers. */
export interface StoredDraft {
  year: number;
  supplierId: string;
  fields: Record<string, string | string[]>;
  savedAt: string;
}

/** Everything done with diversity data that the audit log records. */
export const AUDIT_ACTIONS = ["open-campaign", "close-campaign", "issue-links", "read-responses", "export-own", "view-engagement", "export-engagement", "erase", "retention", "publish-baseline", "send-teams-cards"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log: who did what to whose diversity data, and why. Never changed. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorName: string;
  action: AuditAction;
  supplierIds: string[];
  purpose: string;
  year?: number;
  detail?: string;
}

/**
 * How far a Teams invitation card to one contact's chat has got. `claimed`: a send is about to go
 * or went and its outcome is not known (the service stopped, or Teams did not answer), so it is
 * never sent again; `sent`: Teams took it; `failed`: Teams refused it, tried again on a later run.
 */
export type TeamsCardState = "claimed" | "sent" | "failed";

/** The year's invitation card to one supplier contact's Teams chat (DiversityTeamsCards), claimed before it is sent. */
export interface TeamsCardRecord {
  year: number;
  supplierId: string;
  /** The contact's Entra object id, as their stored bot chat has it. */
  userId: string;
  tenantId: string;
  state: TeamsCardState;
  /** When the latest attempt was claimed. */
  claimedAt: string;
  sentAt?: string;
  /** Why the latest attempt failed, or why its outcome is not known, in words. */
  error?: string;
  /** How many sends were attempted. */
  attempts: number;
}

/** A stored answer row (the one that counts, a revision or a draft), as retention finds it. */
export interface ResponseRow {
  supplierId: string;
  rowKey: string;
  year: number;
}
