import { odata } from "@azure/data-tables";
import { scoreJsonTender, type AwardRecord, type EvaluationSubmission, type Issue, type ScoreJson } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError } from "./errors.js";
import { writeInTransactions } from "./chunks.js";
import { retryOnChange } from "./retry-on-change.js";
import { mapPage, type BatchOperation, type Page, type TableStore } from "./store.js";

/**
 * Stored evaluations. Each evaluation is one partition of Evaluations (PartitionKey = its id):
 * a row per bidder ("bidder:0001") with its input and results, a row per measure ("measure:<CODE>")
 * with every bidder's quantity and accepted share, its issues in rows of at most ISSUE_ROW_CHARS
 * ("issues:0000"), and the header ("evaluation") written last, so a partition without a header is
 * an unfinished write. The header carries the award once it is complete. EvaluationIndex lists
 * evaluations (partition "evaluation") and holds idempotency claims (partition "idempotency").
 *
 * The award's claims and awarded social value (ContractSocialValue, one partition per contract)
 * are the award module's (awards.ts).
 */
export const EVALUATIONS_TABLE = "Evaluations";
export const EVALUATION_INDEX_TABLE = "EvaluationIndex";
export const CONTRACT_SOCIAL_VALUE_TABLE = "ContractSocialValue";
const HEADER = "evaluation";
const ISSUES = "issues:";
/** Issues are kept as JSON in rows of at most this many characters (a property holds 32k). */
const ISSUE_ROW_CHARS = 30_000;

export interface EvaluationSummary {
  id: string;
  reference: string;
  title: string | null;
  catalogueVersion: string;
  bidders: number;
  measures: number;
  createdAt: string;
  createdBy: string;
  award?: AwardRecord;
}

export interface StoredEvaluation extends EvaluationSummary {
  /** The claim the award (`award`) was made under; absent with an award made before claims were kept. */
  awardClaimId?: string;
  /** A digest of the submission, to tell a retry from a different submission under the same key. */
  fingerprint: string;
  submission: EvaluationSubmission;
  result: ScoreJson;
  etag: string;
}

const pad = (n: number) => String(n).padStart(4, "0");

/** The issues, as JSON arrays of at most ISSUE_ROW_CHARS characters each. */
function issueChunks(issues: readonly Issue[]): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let length = 2;
  for (const item of issues) {
    const json = JSON.stringify(item);
    if (current.length > 0 && length + json.length + 1 > ISSUE_ROW_CHARS) {
      chunks.push(`[${current.join(",")}]`);
      current = [];
      length = 2;
    }
    current.push(json);
    length += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(",")}]`);
  return chunks;
}

function summaryFromEntity(entity: StoredEntity, id: string): EvaluationSummary {
  return {
    id,
    reference: String(entity.reference),
    title: typeof entity.title === "string" ? entity.title : null,
    catalogueVersion: String(entity.catalogueVersion),
    bidders: Number(entity.bidders),
    measures: Number(entity.measures),
    createdAt: String(entity.createdAt),
    createdBy: String(entity.createdBy),
    ...(typeof entity.award === "string" ? { award: JSON.parse(entity.award) as AwardRecord } : {}),
  };
}

export class EvaluationRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Claims an idempotency key for a caller: the evaluation id to write under. A retry with the
   * same key gets the same id, so a repeated submission never makes a second evaluation.
   */
  async claimIdempotencyKey(userId: string, key: string): Promise<string> {
    const rowKey = tableKey(`${userId}\u0001${key}`);
    const id = crypto.randomUUID();
    try {
      await this.store.create(EVALUATION_INDEX_TABLE, { partitionKey: "idempotency", rowKey, evaluationId: id, createdAt: this.now().toISOString() }, "The submission");
      return id;
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      const existing = await this.store.get(EVALUATION_INDEX_TABLE, "idempotency", rowKey);
      return String(existing?.evaluationId);
    }
  }

  /** Stores a scored evaluation under `id`; writing the same id again is harmless (a retry).
   * `created` is false when the evaluation was already stored. */
  async save(id: string, submission: EvaluationSubmission, fingerprint: string, result: ScoreJson, createdBy: string): Promise<{ evaluation: StoredEvaluation; created: boolean }> {
    const existing = await this.get(id);
    if (existing) return { evaluation: existing, created: false };
    const createdAt = this.now().toISOString();
    const ranked = new Map(result.bidders.map((b) => [b.bidder, b]));
    const rows: BatchOperation[] = [
      ...submission.bidders.map((bidder, i) => ({
        kind: "upsert" as const,
        entity: { partitionKey: id, rowKey: `bidder:${pad(i)}`, input: JSON.stringify(bidder), result: JSON.stringify(ranked.get(bidder.name) ?? null) },
      })),
      ...submission.commitments.map((c, order) => ({
        kind: "upsert" as const,
        entity: { partitionKey: id, rowKey: `measure:${tableKey(c.measure.toUpperCase())}`, order, measure: c.measure, quantities: JSON.stringify(c.quantities), accepted: JSON.stringify(c.accepted) },
      })),
      ...issueChunks(result.issues).map((issues, i) => ({ kind: "upsert" as const, entity: { partitionKey: id, rowKey: `${ISSUES}${pad(i)}`, issues } })),
    ];
    await writeInTransactions(this.store, EVALUATIONS_TABLE, id, rows, "The evaluation");
    const summary: EvaluationSummary = {
      id,
      reference: submission.tender.reference,
      title: submission.tender.title,
      catalogueVersion: submission.tender.catalogueVersion,
      bidders: submission.bidders.length,
      measures: submission.commitments.length,
      createdAt,
      createdBy,
    };
    const header: PlainEntity = {
      partitionKey: id,
      rowKey: HEADER,
      reference: summary.reference,
      title: summary.title ?? undefined,
      catalogueVersion: summary.catalogueVersion,
      bidders: summary.bidders,
      measures: summary.measures,
      createdAt,
      createdBy,
      fingerprint,
      tender: JSON.stringify(submission.tender),
      workbookIssues: submission.workbookIssues.length,
    };
    const etag = await this.store.create(EVALUATIONS_TABLE, header, "The evaluation");
    await this.store.upsert(EVALUATION_INDEX_TABLE, { ...header, partitionKey: "evaluation", rowKey: id, tender: undefined, fingerprint: undefined });
    return { evaluation: { ...summary, fingerprint, submission, result, etag }, created: true };
  }

  async get(id: string): Promise<StoredEvaluation | undefined> {
    const rows = await this.store.all(EVALUATIONS_TABLE, odata`PartitionKey eq ${id}`);
    const header = rows.find((row) => row.rowKey === HEADER);
    if (!header) return undefined;
    const bidders = rows.filter((r) => r.rowKey.startsWith("bidder:")).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
    const measures = rows.filter((r) => r.rowKey.startsWith("measure:")).sort((a, b) => Number(a.order) - Number(b.order));
    const issueRows = rows.filter((r) => r.rowKey.startsWith(ISSUES)).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
    // Evaluations stored before issues had rows of their own keep them in the header.
    const issues = issueRows.length > 0 ? issueRows.flatMap((r) => JSON.parse(String(r.issues)) as Issue[]) : (JSON.parse(String(header.issues ?? "[]")) as Issue[]);
    const submission: EvaluationSubmission = {
      tender: JSON.parse(String(header.tender)) as EvaluationSubmission["tender"],
      bidders: bidders.map((b) => JSON.parse(String(b.input)) as EvaluationSubmission["bidders"][number]),
      commitments: measures.map((m) => ({ measure: String(m.measure), quantities: JSON.parse(String(m.quantities)) as number[], accepted: JSON.parse(String(m.accepted)) as number[] })),
      // The workbook's issues come first in the stored issues (then the service's scoring issues).
      workbookIssues: issues.slice(0, Number(header.workbookIssues ?? 0)),
    };
    const results = bidders.map((b) => JSON.parse(String(b.result)) as ScoreJson["bidders"][number]).sort((a, b) => a.rank - b.rank); // stable: ties stay in listed order, as the domain's rankedOrder
    return {
      ...summaryFromEntity(header, id),
      ...(typeof header.awardClaimId === "string" ? { awardClaimId: header.awardClaimId } : {}),
      fingerprint: String(header.fingerprint),
      submission,
      result: {
        tender: scoreJsonTender(submission.tender),
        bidders: results,
        issues,
      },
      etag: header.etag,
    };
  }

  async list(limit: number, cursor?: string): Promise<Page<EvaluationSummary>> {
    const page = await this.store.page(EVALUATION_INDEX_TABLE, odata`PartitionKey eq ${"evaluation"}`, limit, cursor);
    return mapPage(page, (row) => summaryFromEntity(row, row.rowKey));
  }

  /**
   * Marks the evaluation with its complete award, made under `claimId`: the list row first, the
   * header last, so a header that shows the award means both do (each with its ETag).
   */
  async setAward(evaluationId: string, claimId: string, award: AwardRecord): Promise<void> {
    await this.replaceAward(EVALUATION_INDEX_TABLE, "evaluation", evaluationId, claimId, award);
    await this.replaceAward(EVALUATIONS_TABLE, evaluationId, HEADER, claimId, award);
  }

  /** Clears the award made under `claimId` (a withdrawal): the header first, then the list row. An
   * award made under another claim stays. */
  async clearAward(evaluationId: string, claimId: string): Promise<void> {
    await this.replaceAward(EVALUATIONS_TABLE, evaluationId, HEADER, claimId, undefined);
    await this.replaceAward(EVALUATION_INDEX_TABLE, "evaluation", evaluationId, claimId, undefined);
  }

  private async replaceAward(table: string, partitionKey: string, rowKey: string, claimId: string, award: AwardRecord | undefined): Promise<void> {
    await retryOnChange("The evaluation", async () => {
      const row = await this.store.get(table, partitionKey, rowKey);
      if (!row) return;
      const held = typeof row.awardClaimId === "string" ? row.awardClaimId : undefined;
      if (award === undefined && held !== undefined && held !== claimId) return;
      const next = award === undefined ? { ...row, award: undefined, awardClaimId: undefined } : { ...row, award: JSON.stringify(award), awardClaimId: claimId };
      if (next.award === row.award && next.awardClaimId === row.awardClaimId) return;
      await this.store.replace(table, { ...next, etag: undefined }, row.etag, "The evaluation");
    });
  }
}
