import { beforeAll, describe, expect, it, inject } from "vitest";
import type { ContractRecord } from "@toms/domain";
import { ContractRepository, CONTRACTS_TABLE } from "./contracts.js";
import { isStorageError } from "./errors.js";
import { TableStore } from "./store.js";

let store: TableStore;
let contracts: ContractRepository;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `c${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  await store.ensureTables([CONTRACTS_TABLE]);
  contracts = new ContractRepository(store);
});

const input = (reference: string): Omit<ContractRecord, "id" | "createdAt" | "updatedAt"> => ({
  reference,
  title: "Parks",
  supplierId: "s-1",
  category: "services",
  value: 1000,
  startDate: "2026-04-01",
  endDate: "2027-03-31",
  managerId: "m-1",
  serviceArea: "Streetscene and Regulatory Services",
});

describe("a contract's reference", () => {
  it("is freed when it names no contract any more (a removal stopped between its two deletes)", async () => {
    const first = await contracts.create(input("CCC-LEFT-1"));
    // The removal's first step only: the row goes, its reference stays.
    await store.delete(CONTRACTS_TABLE, "contract", `c:${first.id}`, first.etag);
    const second = await contracts.create(input("ccc-left-1"));
    expect(await contracts.referenceHolder("CCC-LEFT-1")).toBe(second.id);
  });

  it("stays taken while its contract is in the register", async () => {
    const first = await contracts.create(input("CCC-TAKEN-1"));
    const again = await contracts.create(input("CCC-TAKEN-1")).catch((error: unknown) => error);
    expect(isStorageError(again, "conflict")).toBe(true);
    expect(await contracts.referenceHolder("CCC-TAKEN-1")).toBe(first.id);
  });

  it("is removed with an unawarded contract only while the row is as the award left it", async () => {
    const created = await contracts.create(input("CCC-HELD-1"));
    const claim = { claimId: "claim-1", evaluationId: "e-1", evaluationReference: "T-1", bidder: "Beta Ltd" };
    const marked = await contracts.markAwardClaim(created, created.id, claim, async () => undefined);
    expect("contract" in marked).toBe(true);
    expect(await contracts.removeUnawarded(created.id, "another-claim")).toBe(false);
    expect(await contracts.removeUnawarded(created.id, "claim-1")).toBe(true);
    expect(await contracts.get(created.id)).toBeUndefined();
    expect(await contracts.referenceHolder("CCC-HELD-1")).toBeUndefined();
  });
});
