import { odata } from "@azure/data-tables";
import { beforeAll, describe, expect, it, inject } from "vitest";
import type { AwardRecord, ContractCommitment } from "@toms/domain";
import { AwardRepository } from "./awards.js";
import { isStorageError } from "./errors.js";
import { CONTRACT_SOCIAL_VALUE_TABLE, EVALUATIONS_TABLE } from "./evaluations.js";
import { TableStore } from "./store.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

let store: TableStore;
let awards: AwardRepository;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `a${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  await store.ensureTables([EVALUATIONS_TABLE, CONTRACT_SOCIAL_VALUE_TABLE]);
  awards = new AwardRepository(store);
});

const commitments = (count: number): ContractCommitment[] =>
  Array.from({ length: count }, (_, i) => ({ measure: `M-${String(i).padStart(3, "0")}`, name: "Measure", theme: "Social", unit: "hours", committedQuantity: 1, acceptedFraction: 1, proxyValue: 10, committedValue: 10, catalogueVersion: "V1" }));

async function claimed() {
  const contractId = crypto.randomUUID();
  const claim = { claimId: crypto.randomUUID(), evaluationId: crypto.randomUUID(), evaluationReference: "T-1", contractId, contractReference: "C-1", bidder: "Beta Ltd", newContract: false, claimedBy: "eve" };
  const contractClaim = await awards.claimContract(claim);
  if (!contractClaim) throw new Error("not claimed");
  const record: AwardRecord = { evaluationId: claim.evaluationId, evaluationReference: "T-1", bidder: "Beta Ltd", contractId, contractReference: "C-1", supplierId: "s", awardedAt: "2026-01-01T00:00:00.000Z", awardedBy: "eve", totalCommittedValue: 2500, errorIssues: 0, issuesReviewed: false, supplierConfirmed: false };
  return { contractId, claim, contractClaim, record };
}

describe("the award's rows under its claim", () => {
  it("claims a contract once", async () => {
    const { claim } = await claimed();
    expect(await awards.claimContract({ ...claim, claimId: crypto.randomUUID() })).toBeUndefined();
  });

  it("writes more commitments than one transaction holds, marking the award complete only in the last", async () => {
    const { contractId, contractClaim, record } = await claimed();
    const done = await awards.writeAward({ contractId, claim: contractClaim, commitments: [], commitmentRows: [], kpiUpdates: 0 }, record, commitments(250));
    expect(done.state).toBe("awarded");
    const state = await awards.contractState(contractId);
    expect(state.commitments).toHaveLength(250);
    expect(await awards.contractAward(contractId)).toMatchObject({ totalCommittedValue: 2500 });

    await awards.clearContract({ ...state, claim: state.claim ?? contractClaim });
    expect(await store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`)).toEqual([]);
  });

  it("writes nothing under a claim that was released meanwhile", async () => {
    const { contractId, contractClaim, record } = await claimed();
    const before = { contractId, claim: contractClaim, commitments: [], commitmentRows: [], kpiUpdates: 0 };
    await awards.clearContract(before);
    await expect(awards.writeAward(before, record, commitments(150))).rejects.toSatisfy((e) => isStorageError(e, "not-found") || isStorageError(e, "precondition-failed"));
    expect(await store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`)).toEqual([]);
  });

  it("stops a writer whose claim another request moved on, after its first transaction at the latest", async () => {
    const { contractId, contractClaim, record } = await claimed();
    const before = { contractId, claim: contractClaim, commitments: [], commitmentRows: [], kpiUpdates: 0 };
    // Another request completes the same claim first (a retry): the slow one holds a stale ETag.
    await awards.writeAward(before, record, commitments(3));
    await expect(awards.writeAward(before, { ...record, totalCommittedValue: 1 }, commitments(150))).rejects.toSatisfy((e) => isStorageError(e, "precondition-failed"));
    const state = await awards.contractState(contractId);
    expect(state.commitments).toHaveLength(3);
    expect(state.claim?.award?.totalCommittedValue).toBe(2500);
  });
});
