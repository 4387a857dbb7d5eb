// The diversity repositories as one interface: what the use cases of "@toms/app/diversity" may ask of storage.
import type { AuditEntry, CampaignRecord, FormTokenRecord, InvitationRecord, ResponseRow, StoredDraft, StoredResponse, TeamsCardRecord } from "./records.js";

export type WithEtag<T> = T & { etag: string };

export interface CampaignStorage {
  get(year: number): Promise<WithEtag<CampaignRecord> | undefined>;
  /** Every campaign, oldest year first. */
  list(): Promise<WithEtag<CampaignRecord>[]>;
  /** Fails with a conflict StorageError when that year's campaign exists. */
  create(record: CampaignRecord): Promise<WithEtag<CampaignRecord>>;
  /** Fails with precondition-failed when the campaign changed since `etag` was read. Returns the new ETag. */
  replace(record: CampaignRecord, etag: string): Promise<string>;
}

export interface InvitationStorage {
  /** Upserts, batched per year (100 a transaction). */
  saveAll(invitations: readonly InvitationRecord[]): Promise<void>;
  /** Every invitation of the year. */
  list(year: number): Promise<InvitationRecord[]>;
  get(year: number, supplierId: string): Promise<InvitationRecord | undefined>;
  /** Sets linksIssuedAt on those suppliers' invitations of the year (the others are left alone). */
  markLinksIssued(year: number, supplierIds: readonly string[], at: string): Promise<void>;
  /** Sets answeredAt on the supplier's invitation of the year, when there is one. */
  markAnswered(year: number, supplierId: string, at: string): Promise<void>;
}

export interface TokenStorage {
  saveAll(tokens: readonly FormTokenRecord[]): Promise<void>;
  get(tokenHash: string): Promise<FormTokenRecord | undefined>;
  /** Deletes every token of the year; returns how many. */
  deleteOfYear(year: number): Promise<number>;
}

export interface ResponseStorage {
  /** Every supplier's answer that counts that year. */
  current(year: number): Promise<StoredResponse[]>;
  currentOf(supplierId: string, year: number): Promise<WithEtag<StoredResponse> | undefined>;
  /** Everything stored of one supplier: the answers that count, every submission, and drafts. */
  allOf(supplierId: string): Promise<{ current: StoredResponse[]; history: StoredResponse[]; drafts: StoredDraft[] }>;
  /**
   * One transaction in the supplier's partition: the answer that counts created (currentEtag
   * undefined) or replaced under currentEtag, its revision row created, its draft deleted.
   * A race lost: precondition-failed or conflict StorageError, and nothing is changed.
   */
  submit(response: StoredResponse, currentEtag: string | undefined): Promise<StoredResponse>;
  saveDraft(draft: StoredDraft): Promise<void>;
  draftOf(supplierId: string, year: number): Promise<StoredDraft | undefined>;
  /** Deletes every row of the supplier (of `year` only, when given); returns how many. */
  eraseSupplier(supplierId: string, year?: number): Promise<number>;
  /** Every answer row (current, revision, draft) submitted or saved before the cutoff. */
  submittedBefore(cutoffIso: string): Promise<ResponseRow[]>;
  /** Deletes those rows; returns how many were asked for. */
  deleteRows(rows: readonly Pick<ResponseRow, "supplierId" | "rowKey">[]): Promise<number>;
}

export interface AuditStorage {
  record(entry: AuditEntry): Promise<void>;
  /**
   * Entries with `at` from `from` to `to`, both included and either left out, oldest first. `to`
   * is taken whole: a day ("2026-12-31") or a month ("2026-12") given includes all of it.
   */
  list(options?: { from?: string; to?: string }): Promise<AuditEntry[]>;
}

export interface TeamsCardStorage {
  /**
   * Inserts the card's row when there is none (`claimed: true`: this caller sends it). When there
   * is one, nothing is written and the stored row is answered (`claimed: false`).
   */
  claim(record: TeamsCardRecord): Promise<{ claimed: boolean; card: WithEtag<TeamsCardRecord> }>;
  /** Fails with precondition-failed when the row changed since `etag` was read. Returns the new ETag. */
  replace(record: TeamsCardRecord, etag: string): Promise<string>;
  /** Every card of the year, in no particular order. */
  list(year: number): Promise<WithEtag<TeamsCardRecord>[]>;
}

export interface DiversityStorage {
  campaigns: CampaignStorage;
  invitations: InvitationStorage;
  tokens: TokenStorage;
  responses: ResponseStorage;
  audit: AuditStorage;
  teamsCards: TeamsCardStorage;
}
