import { odata } from "@azure/data-tables";
import { scoreJsonTender, type ContractCommitment, type EvaluationSubmission, type ScoreJson } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { StorageError, isStorageError } from "./errors.js";
import { writeInTransactions } from "./chunks.js";
import { mapPage, type BatchOperation, type Page, type TableStore } from "./store.js";

/**
 * Stored evaluations. Each evaluation is one partition of Evaluations (PartitionKey = its id):
 * a row per bidder ("bidder:0001") with its input and results, a row per measure ("measure:<CODE>")
 * with every bidder's quantity and accepted share, and the header ("evaluation") written last, so a
 * partition without a header is an unfinished write. EvaluationIndex lists evaluations (partition
 * "evaluation") and holds idempotency claims (partition "idempotency").
 *
 * Awarded social value lives with the contract: ContractSocialValue, one partition per contract,
 * a row per committed measure ("commitment:<CODE>") and the award row ("award") written last.
 */
export const EVALUATIONS_TABLE = "Evaluations";
export const EVALUATION_INDEX_TABLE = "EvaluationIndex";
export const CONTRACT_SOCIAL_VALUE_TABLE = "ContractSocialValue";
const HEADER = "evaluation";

export interface Award {
  bidder: string;
  contractId: string;
  awardedAt: string;
  awardedBy: string;
  totalCommittedValue: number;
}

export interface EvaluationSummary {
  id: string;
  reference: string;
  title: string | null;
  catalogueVersion: string;
  bidders: number;
  measures: number;
  createdAt: string;
  createdBy: string;
  award?: Award;
}

export interface StoredEvaluation extends EvaluationSummary {
  /** A digest of the submission, to tell a retry from a different submission under the same key. */
  fingerprint: string;
  submission: EvaluationSubmission;
  result: ScoreJson;
  etag: string;
}

export interface ContractAward extends Award {
  evaluationId: string;
  commitments: ContractCommitment[];
}

const pad = (n: number) => String(n).padStart(4, "0");

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
    ...(typeof entity.award === "string" ? { award: JSON.parse(entity.award) as Award } : {}),
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
      issues: JSON.stringify(result.issues),
    };
    const etag = await this.store.create(EVALUATIONS_TABLE, header, "The evaluation");
    await this.store.upsert(EVALUATION_INDEX_TABLE, { ...header, partitionKey: "evaluation", rowKey: id, tender: undefined, issues: undefined, fingerprint: undefined });
    return { evaluation: { ...summary, fingerprint, submission, result, etag }, created: true };
  }

  async get(id: string): Promise<StoredEvaluation | undefined> {
    const rows = await this.store.all(EVALUATIONS_TABLE, odata`PartitionKey eq ${id}`);
    const header = rows.find((row) => row.rowKey === HEADER);
    if (!header) return undefined;
    const bidders = rows.filter((r) => r.rowKey.startsWith("bidder:")).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
    const measures = rows.filter((r) => r.rowKey.startsWith("measure:")).sort((a, b) => Number(a.order) - Number(b.order));
    const submission: EvaluationSubmission = {
      tender: JSON.parse(String(header.tender)) as EvaluationSubmission["tender"],
      bidders: bidders.map((b) => JSON.parse(String(b.input)) as EvaluationSubmission["bidders"][number]),
      commitments: measures.map((m) => ({ measure: String(m.measure), quantities: JSON.parse(String(m.quantities)) as number[], accepted: JSON.parse(String(m.accepted)) as number[] })),
    };
    const results = bidders.map((b) => JSON.parse(String(b.result)) as ScoreJson["bidders"][number]).sort((a, b) => a.rank - b.rank); // stable: ties stay in listed order, as the domain's rankedOrder
    return {
      ...summaryFromEntity(header, id),
      fingerprint: String(header.fingerprint),
      submission,
      result: {
        tender: scoreJsonTender(submission.tender),
        bidders: results,
        issues: JSON.parse(String(header.issues)) as ScoreJson["issues"],
      },
      etag: header.etag,
    };
  }

  async list(limit: number, cursor?: string): Promise<Page<EvaluationSummary>> {
    const page = await this.store.page(EVALUATION_INDEX_TABLE, odata`PartitionKey eq ${"evaluation"}`, limit, cursor);
    return mapPage(page, (row) => summaryFromEntity(row, row.rowKey));
  }

  /** The contract's awarded social value, if any (one partition query). */
  async contractAward(contractId: string): Promise<ContractAward | undefined> {
    const rows = await this.store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`);
    const award = rows.find((row) => row.rowKey === "award");
    if (!award) return undefined;
    return {
      ...(JSON.parse(String(award.award)) as Award),
      evaluationId: String(award.evaluationId),
      commitments: rows.filter((r) => r.rowKey.startsWith("commitment:")).map((r) => JSON.parse(String(r.commitment)) as ContractCommitment).sort((a, b) => a.measure.localeCompare(b.measure)),
    };
  }

  /**
   * Records the award: the winner's commitments become the contract's (its partition, award row
   * last), then the evaluation's header is marked with its ETag. A repeat of the same award is a
   * no-op; a different award of either the evaluation or the contract is a conflict.
   */
  async award(evaluation: StoredEvaluation, award: Omit<Award, "awardedAt">, commitments: ContractCommitment[]): Promise<ContractAward> {
    const previous = evaluation.award;
    if (previous && (previous.bidder !== award.bidder || previous.contractId !== award.contractId)) {
      throw new StorageError("conflict", `This evaluation was already awarded to ${previous.bidder}.`);
    }
    const current = await this.contractAward(award.contractId);
    if (current && current.evaluationId !== evaluation.id) {
      throw new StorageError("conflict", "This contract already carries social value commitments from another evaluation.");
    }
    // The same award again (a retry): what was recorded stands.
    if (current) return current;
    const record: Award = { ...award, awardedAt: this.now().toISOString() };
    const partition = award.contractId;
    await writeInTransactions(
      this.store,
      CONTRACT_SOCIAL_VALUE_TABLE,
      partition,
      commitments.map((c) => ({ kind: "upsert" as const, entity: { partitionKey: partition, rowKey: `commitment:${tableKey(c.measure.toUpperCase())}`, commitment: JSON.stringify(c) } })),
      "The contract's social value commitments",
    );
    try {
      await this.store.create(CONTRACT_SOCIAL_VALUE_TABLE, { partitionKey: partition, rowKey: "award", evaluationId: evaluation.id, award: JSON.stringify(record) }, "The award");
    } catch (error) {
      if (isStorageError(error, "conflict")) throw new StorageError("conflict", "This contract was awarded by someone else at the same moment; reload to see it.", { cause: error });
      throw error;
    }
    const header = await this.store.get(EVALUATIONS_TABLE, evaluation.id, HEADER);
    if (header) {
      await this.store.replace(EVALUATIONS_TABLE, { ...header, etag: undefined, award: JSON.stringify(record) }, header.etag, "The evaluation");
      const index = await this.store.get(EVALUATION_INDEX_TABLE, "evaluation", evaluation.id);
      if (index) await this.store.replace(EVALUATION_INDEX_TABLE, { ...index, etag: undefined, award: JSON.stringify(record) }, index.etag, "The evaluation");
    }
    return { ...record, evaluationId: evaluation.id, commitments };
  }
}
