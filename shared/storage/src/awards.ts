import { odata } from "@azure/data-tables";
import type { AwardRecord, AwardWithdrawal, ContractCommitment } from "@toms/domain";
import { MAX_BATCH_OPERATIONS, tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError } from "./errors.js";
import { CONTRACT_SOCIAL_VALUE_TABLE, EVALUATIONS_TABLE } from "./evaluations.js";
import type { BatchOperation, TableStore } from "./store.js";

/**
 * Awards, claimed before they are written (docs/storage.md, "The award's claim protocol").
 *
 * - Evaluations, in the evaluation's partition: "award-claim", inserted only if absent: the
 *   contract and bidder the evaluation is being (or was) awarded to. "withdrawal:<claim id>": a
 *   withdrawn award, kept.
 * - ContractSocialValue, in the contract's partition: "award", inserted only if absent: the claim
 *   (pending), then the award itself (awarded), or a withdrawal under way (releasing); and a row
 *   per commitment ("commitment:<CODE>"). The delivery rows beside them (delivery.ts) are left
 *   alone, but for counting the KPI updates ("kpi-update:<id>") against the commitments. Every other write into the partition goes in one
 *   transaction with an ETag-guarded write of the "award" row, so nothing is written under a claim
 *   that was released or taken over meanwhile.
 *
 * This module stores; the rules (who may claim, when a claim is left behind) are the application's.
 */
const EVALUATION_CLAIM = "award-claim";
const WITHDRAWAL = "withdrawal:";
const CONTRACT_CLAIM = "award";
const COMMITMENT = "commitment:";
/** A KPI update recorded against the contract's commitments (the delivery release writes them,
 * each in one transaction with an ETag-guarded write of the "award" row). */
const KPI_UPDATE = "kpi-update:";
/** A KPI of the contract's delivery (delivery.ts), or a commitment's once a manager changed it. */
const KPI = "kpi:";

/** The evaluation's side of an award's claim. */
export interface EvaluationClaim {
  claimId: string;
  evaluationId: string;
  evaluationReference: string;
  contractId: string;
  contractReference: string;
  bidder: string;
  /** The contract is created by the award (it does not exist before). */
  newContract: boolean;
  claimedAt: string;
  claimedBy: string;
  etag: string;
}

export type ContractClaimState = "pending" | "awarded" | "releasing";

/** The contract's side: the claim, and once the award is written, the award itself. */
export interface ContractClaim {
  claimId: string;
  contractId: string;
  evaluationId: string;
  evaluationReference: string;
  bidder: string;
  state: ContractClaimState;
  claimedAt: string;
  claimedBy: string;
  /** The last write under this claim. */
  touchedAt: string;
  award?: AwardRecord;
  etag: string;
}

/** Everything in a contract's partition: one query. */
export interface ContractAwardState {
  contractId: string;
  claim?: ContractClaim;
  commitments: ContractCommitment[];
  /** Each commitment row's key and ETag, for the guarded deletes of a release. */
  commitmentRows: { rowKey: string; etag: string }[];
  /** How many KPI updates are recorded against the contract: an award with any cannot be withdrawn. */
  kpiUpdates: number;
}

/** The social value a contract carries since award. */
export interface ContractAward extends AwardRecord {
  commitments: ContractCommitment[];
}

const commitmentKey = (c: ContractCommitment) => `${COMMITMENT}${tableKey(c.measure.toUpperCase())}`;

function evaluationClaimEntity(claim: Omit<EvaluationClaim, "etag">): PlainEntity {
  return { partitionKey: claim.evaluationId, rowKey: EVALUATION_CLAIM, ...claim };
}

function evaluationClaimFrom(entity: StoredEntity): EvaluationClaim {
  return {
    claimId: String(entity.claimId),
    evaluationId: entity.partitionKey,
    evaluationReference: String(entity.evaluationReference),
    contractId: String(entity.contractId),
    contractReference: String(entity.contractReference),
    bidder: String(entity.bidder),
    newContract: entity.newContract === true,
    claimedAt: String(entity.claimedAt),
    claimedBy: String(entity.claimedBy),
    etag: entity.etag,
  };
}

function contractClaimEntity(claim: Omit<ContractClaim, "etag">): PlainEntity {
  const { award, ...rest } = claim;
  return { partitionKey: claim.contractId, rowKey: CONTRACT_CLAIM, ...rest, award: award ? JSON.stringify(award) : undefined };
}

function contractClaimFrom(entity: StoredEntity): ContractClaim {
  const award = typeof entity.award === "string" ? (JSON.parse(entity.award) as AwardRecord) : undefined;
  // A row written before claims were kept has no state: it is an award.
  const state = entity.state === "pending" || entity.state === "releasing" ? entity.state : "awarded";
  return {
    claimId: String(entity.claimId ?? entity.evaluationId),
    contractId: entity.partitionKey,
    evaluationId: String(entity.evaluationId),
    evaluationReference: String(entity.evaluationReference ?? award?.evaluationReference ?? ""),
    bidder: String(entity.bidder ?? award?.bidder ?? ""),
    state,
    claimedAt: String(entity.claimedAt ?? award?.awardedAt ?? ""),
    claimedBy: String(entity.claimedBy ?? award?.awardedBy ?? ""),
    touchedAt: String(entity.touchedAt ?? award?.awardedAt ?? ""),
    ...(award ? { award } : {}),
    etag: entity.etag,
  };
}

function withoutEtag<T extends { etag: string }>(value: T): Omit<T, "etag"> {
  const { etag: _etag, ...rest } = value;
  return rest;
}

/**
 * The award's side of a contract's partition, from its rows as one query read them (the delivery
 * rows beside them are left alone, except that KPI updates are counted).
 *
 * @example
 * const state = contractAwardStateFrom(contractId, await store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`));
 */
export function contractAwardStateFrom(contractId: string, rows: readonly StoredEntity[]): ContractAwardState {
  const claim = rows.find((row) => row.rowKey === CONTRACT_CLAIM);
  const commitmentRows = rows.filter((row) => row.rowKey.startsWith(COMMITMENT)).sort((a, b) => a.rowKey.localeCompare(b.rowKey));
  return {
    contractId,
    ...(claim ? { claim: contractClaimFrom(claim) } : {}),
    commitments: commitmentRows.map((row) => JSON.parse(String(row.commitment)) as ContractCommitment).sort((a, b) => a.measure.localeCompare(b.measure)),
    commitmentRows: commitmentRows.map((row) => ({ rowKey: row.rowKey, etag: row.etag })),
    kpiUpdates: updatesAgainstCommitments(rows),
  };
}

/**
 * The KPI updates that report the contract's commitments: all but those of the contract's own
 * KPIs (a row of kind "kpi"), which stay with the contract whatever happens to its award. A row
 * written before the kind and the KPI were kept as properties counts, so as never to undercount.
 */
function updatesAgainstCommitments(rows: readonly StoredEntity[]): number {
  const ownKpis = new Set(rows.filter((row) => row.rowKey.startsWith(KPI) && row.kind === "kpi").map((row) => row.rowKey.slice(KPI.length)));
  return rows.filter((row) => row.rowKey.startsWith(KPI_UPDATE) && !(typeof row.kpiId === "string" && ownKpis.has(row.kpiId))).length;
}

export class AwardRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Claims the evaluation for one award (insert-if-absent). Undefined when another claim holds it. */
  async claimEvaluation(claim: Omit<EvaluationClaim, "etag" | "claimedAt">): Promise<EvaluationClaim | undefined> {
    const record = { ...claim, claimedAt: this.now().toISOString() };
    try {
      const etag = await this.store.create(EVALUATIONS_TABLE, evaluationClaimEntity(record), "The evaluation's award claim");
      return { ...record, etag };
    } catch (error) {
      if (isStorageError(error, "conflict")) return undefined;
      throw error;
    }
  }

  async evaluationClaim(evaluationId: string): Promise<EvaluationClaim | undefined> {
    const entity = await this.store.get(EVALUATIONS_TABLE, evaluationId, EVALUATION_CLAIM);
    return entity ? evaluationClaimFrom(entity) : undefined;
  }

  /** Removes the evaluation's claim as it was read; precondition-failed when it changed meanwhile. */
  async releaseEvaluationClaim(claim: EvaluationClaim): Promise<void> {
    await this.store.delete(EVALUATIONS_TABLE, claim.evaluationId, EVALUATION_CLAIM, claim.etag);
  }

  /** Claims the contract for the award (insert-if-absent, state pending). Undefined when another claim holds it. */
  async claimContract(claim: Omit<EvaluationClaim, "etag" | "claimedAt" | "contractReference" | "newContract">): Promise<ContractClaim | undefined> {
    const at = this.now().toISOString();
    const record: Omit<ContractClaim, "etag"> = {
      claimId: claim.claimId,
      contractId: claim.contractId,
      evaluationId: claim.evaluationId,
      evaluationReference: claim.evaluationReference,
      bidder: claim.bidder,
      state: "pending",
      claimedAt: at,
      claimedBy: claim.claimedBy,
      touchedAt: at,
    };
    try {
      const etag = await this.store.create(CONTRACT_SOCIAL_VALUE_TABLE, contractClaimEntity(record), "The contract's award claim");
      return { ...record, etag };
    } catch (error) {
      if (isStorageError(error, "conflict")) return undefined;
      throw error;
    }
  }

  /** The contract's partition: its claim (if any) and the commitment rows under it (one query). */
  async contractState(contractId: string): Promise<ContractAwardState> {
    return contractAwardStateFrom(contractId, await this.store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`));
  }

  /** The contract's award once it is complete (one partition query); undefined while pending. */
  async contractAward(contractId: string): Promise<ContractAward | undefined> {
    const state = await this.contractState(contractId);
    const award = state.claim?.state === "awarded" ? state.claim.award : undefined;
    return award ? { ...award, commitments: state.commitments } : undefined;
  }

  /**
   * Writes the award under the contract's claim: the commitment rows (and removes rows an earlier
   * attempt left that are not part of it), each transaction with the claim's ETag, then the claim
   * turned into the award, last. Fails with precondition-failed or not-found when the claim was
   * released or taken over meanwhile: then nothing more is written.
   */
  async writeAward(state: ContractAwardState & { claim: ContractClaim }, award: AwardRecord, commitments: readonly ContractCommitment[]): Promise<ContractClaim> {
    const partition = state.contractId;
    const wanted = new Set(commitments.map(commitmentKey));
    const operations: BatchOperation[] = [
      ...commitments.map((c) => ({ kind: "upsert" as const, entity: { partitionKey: partition, rowKey: commitmentKey(c), commitment: JSON.stringify(c) } })),
      ...state.commitmentRows.filter((row) => !wanted.has(row.rowKey)).map((row) => ({ kind: "delete" as const, partitionKey: partition, rowKey: row.rowKey })),
    ];
    return this.underClaim(state.claim, operations, (claim) => ({ ...claim, state: "awarded", award }), "The contract's social value commitments");
  }

  /**
   * Takes everything under the contract's claim away: the commitment rows, each transaction of
   * them marking the claim "releasing" under its ETag, so that no reader takes a half-removed
   * award for whole; then the claim, last, with the ETag the last transaction gave it.
   */
  async clearContract(state: ContractAwardState & { claim: ContractClaim }): Promise<void> {
    const operations: BatchOperation[] = state.commitmentRows.map((row) => ({ kind: "delete" as const, partitionKey: state.contractId, rowKey: row.rowKey }));
    await this.underClaim(state.claim, operations, undefined, "The contract's social value commitments");
  }

  /**
   * Runs the operations in transactions that each carry the claim's ETag (the claim written with a
   * new touchedAt, or "releasing" on the way out), then the last one `finish`es the claim: its new
   * form, or (when `finish` is undefined) "releasing", and then its removal on its own, with the
   * ETag that transaction gave it. Not a delete in the last transaction: the SDK (13.3) sends a
   * transaction's deletes without their ETag, so it would remove a claim changed meanwhile (by a
   * KPI update's transaction, say).
   */
  private async underClaim(
    claim: ContractClaim,
    operations: BatchOperation[],
    finish: ((claim: Omit<ContractClaim, "etag">) => Omit<ContractClaim, "etag">) | undefined,
    what: string,
  ): Promise<ContractClaim> {
    const perTransaction = MAX_BATCH_OPERATIONS - 1;
    let current = claim;
    let start = 0;
    do {
      const chunk = operations.slice(start, start + perTransaction);
      start += perTransaction;
      const last = start >= operations.length;
      const touched: Omit<ContractClaim, "etag"> = { ...withoutEtag(current), touchedAt: this.now().toISOString(), ...(finish ? {} : { state: "releasing" as const }) };
      const next = last && finish ? finish(touched) : touched;
      const [etag] = await this.store.batch(CONTRACT_SOCIAL_VALUE_TABLE, claim.contractId, [{ kind: "update", entity: contractClaimEntity(next), etag: current.etag }, ...chunk], what);
      current = { ...next, etag: etag ?? "" };
    } while (start < operations.length);
    if (!finish) await this.store.delete(CONTRACT_SOCIAL_VALUE_TABLE, claim.contractId, CONTRACT_CLAIM, current.etag);
    return current;
  }

  /** Keeps a withdrawal, once per claim (a retried withdrawal finds the first one). */
  async recordWithdrawal(evaluationId: string, claimId: string, withdrawal: AwardWithdrawal): Promise<AwardWithdrawal> {
    try {
      await this.store.create(EVALUATIONS_TABLE, { partitionKey: evaluationId, rowKey: `${WITHDRAWAL}${claimId}`, withdrawnAt: withdrawal.withdrawnAt, withdrawal: JSON.stringify(withdrawal) }, "The withdrawal");
      return withdrawal;
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      return (await this.withdrawal(evaluationId, claimId)) ?? withdrawal;
    }
  }

  /** Takes back a kept withdrawal that must not go ahead (KPI updates were recorded meanwhile): the award stands. */
  async removeWithdrawal(evaluationId: string, claimId: string): Promise<void> {
    await this.store.delete(EVALUATIONS_TABLE, evaluationId, `${WITHDRAWAL}${claimId}`);
  }

  async withdrawal(evaluationId: string, claimId: string): Promise<AwardWithdrawal | undefined> {
    const entity = await this.store.get(EVALUATIONS_TABLE, evaluationId, `${WITHDRAWAL}${claimId}`);
    return entity ? (JSON.parse(String(entity.withdrawal)) as AwardWithdrawal) : undefined;
  }

  /** The evaluation's withdrawn awards, oldest first (one range query in its partition). */
  async withdrawals(evaluationId: string): Promise<AwardWithdrawal[]> {
    const rows = await this.store.all(EVALUATIONS_TABLE, odata`PartitionKey eq ${evaluationId} and RowKey ge ${WITHDRAWAL} and RowKey lt ${"withdrawal;"}`);
    return rows.map((row) => JSON.parse(String(row.withdrawal)) as AwardWithdrawal).sort((a, b) => a.withdrawnAt.localeCompare(b.withdrawnAt));
  }
}
