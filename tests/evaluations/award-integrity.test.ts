// The award's integrity against the real service and a real Azurite: claims before writes under
// parallel awards, claims left behind by a crash, the right supplier, awards that create their
// contract, reviewed issues, and withdrawal. Every test checks what is stored, not only answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awardEvaluation, createAppDeps, updateContract, withdrawAward } from "@toms/app";
import type { Principal } from "@toms/domain";
import { AwardRepository, ContractRepository, EvaluationRepository, isStorageError, SupplierRepository, type Storage } from "@toms/storage";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

let service: TestService;
let admin: string;
let evaluator: string;
let version: string;

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin");
  await ensureServiceArea(service, admin);
  evaluator = await service.token("eve.evaluator", "evaluator");
  ({ version } = await publishTestCatalogue(service, admin));
});
afterAll(() => service.close());

interface Commitment {
  measure: string;
  committedQuantity: number;
  acceptedFraction: number;
  committedValue: number;
}
interface Award {
  evaluationId: string;
  awardedAt: string;
  contractId: string;
  contractReference: string;
  supplierId: string;
  bidder: string;
  totalCommittedValue: number;
  issuesReviewed: boolean;
  errorIssues: number;
  supplierConfirmed: boolean;
  moneyLabel: string;
  commitments: Commitment[];
  created: { contract: boolean; supplier: boolean };
}
interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

/** Beta Ltd's accepted commitments in every tender below (tenderSubmission): 100 + 250 = 350. */
const BETA_COMMITMENTS = [
  ["T-1", 1, 1, 100],
  ["T-2", 50, 0.5, 250],
];

const unique = () => crypto.randomUUID().slice(0, 8);

async function addSupplier(name: string): Promise<string> {
  const response = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name, postcode: "CV3 1FP", employees: 9, turnover: 1e6, balanceSheet: 4e5 } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function addContract(supplierId: string, reference = `CCC-C-${unique()}`): Promise<string> {
  const response = await service.call("/api/contracts", {
    method: "POST",
    token: admin,
    body: { reference, title: "Parks maintenance", supplierId, category: "services", value: 2000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA },
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function submitEvaluation(overrides: Parameters<typeof tenderSubmission>[1] = {}): Promise<string> {
  const response = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: tenderSubmission(version, { reference: `CCC-T-${unique()}`, ...overrides }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function award(evaluationId: string, body: Record<string, unknown>, token = evaluator) {
  return service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token, body });
}

/** What the contract's partition holds, read from storage itself. */
async function stored(contractId: string) {
  const state = await service.storage.awards.contractState(contractId);
  return {
    claim: state.claim ? { state: state.claim.state, evaluationId: state.claim.evaluationId } : undefined,
    commitments: state.commitments.map((c) => [c.measure, c.committedQuantity, c.acceptedFraction, c.committedValue]),
    sum: state.commitments.reduce((total, c) => total + c.committedValue, 0),
    award: state.claim?.award,
  };
}

const minutesAgo = (minutes: number) => new AwardRepository(service.storage.store, () => new Date(Date.now() - minutes * 60_000));

/** The first steps of an award, as a request that then crashed would have left them: both claims
 * and one commitment row with the wrong numbers. */
async function crashedAward(awards: AwardRepository, evaluationId: string, contractId: string) {
  const evaluation = await service.storage.evaluations.get(evaluationId);
  const contract = await service.storage.contracts.get(contractId);
  if (!evaluation || !contract) throw new Error("no evaluation or contract");
  const claim = { claimId: crypto.randomUUID(), evaluationId, evaluationReference: evaluation.reference, contractId, contractReference: contract.reference, bidder: "Beta Ltd", newContract: false, claimedBy: "crashed" };
  expect(await awards.claimEvaluation(claim)).toBeDefined();
  expect(await awards.claimContract(claim)).toBeDefined();
  const marked = await service.storage.contracts.markAwardClaim(contract, contractId, { claimId: claim.claimId, evaluationId, evaluationReference: evaluation.reference, bidder: "Beta Ltd" }, () => Promise.resolve(undefined));
  expect(marked).toHaveProperty("contract");
  await service.storage.store.upsert("ContractSocialValue", { partitionKey: contractId, rowKey: "commitment:T-1", commitment: JSON.stringify({ measure: "T-1", committedQuantity: 99, acceptedFraction: 1, committedValue: 9900 }) });
}

describe("parallel awards store exactly one award", () => {
  it("one evaluation awarded to 10 contracts at once: one contract carries it, the others nothing", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const contracts = await Promise.all(Array.from({ length: 10 }, () => addContract(supplierId)));
    const evaluationId = await submitEvaluation();
    const answers = await Promise.all(contracts.map((contractId) => award(evaluationId, { bidder: "Beta Ltd", contractId })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = (await answers[statuses.indexOf(200)]?.json()) as Award;
    for (const loser of answers.filter((r) => r.status === 409)) {
      expect(((await loser.json()) as Problem).detail).toMatch(/^This evaluation is (already|being) awarded to Beta Ltd on contract CCC-C-/);
    }

    const partitions = await Promise.all(contracts.map(stored));
    const awarded = partitions.filter((p) => p.claim !== undefined);
    expect(awarded).toHaveLength(1);
    expect(awarded[0]?.claim).toEqual({ state: "awarded", evaluationId });
    expect(awarded[0]?.commitments).toEqual(BETA_COMMITMENTS);
    expect(awarded[0]?.sum).toBe(winner.totalCommittedValue);
    expect(winner.totalCommittedValue).toBe(350);
    expect(partitions[contracts.indexOf(winner.contractId)]?.claim?.state).toBe("awarded");
    for (const [i, p] of partitions.entries()) if (contracts[i] !== winner.contractId) expect(p).toMatchObject({ claim: undefined, commitments: [] });

    // Every loser's contract can still be awarded, each from another evaluation.
    const losers = contracts.filter((id) => id !== winner.contractId);
    const later = await Promise.all(losers.map(async (contractId) => (await award(await submitEvaluation(), { bidder: "Beta Ltd", contractId })).status));
    expect(later).toEqual(losers.map(() => 200));
    for (const contractId of losers) expect((await stored(contractId)).commitments).toEqual(BETA_COMMITMENTS);
  });

  it("10 evaluations awarded to one contract at once: the contract carries one award's commitments", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const contractId = await addContract(supplierId);
    // Each tender commits a different quantity of T-1, so the rows tell whose they are.
    const evaluations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submitEvaluation({ commitments: [{ measure: "T-1", quantities: [2, i + 1, 0], accepted: [1, 1, 1] }, { measure: "T-2", quantities: [10, 50, 5], accepted: [1, 0.5, 1] }] })),
    );
    const answers = await Promise.all(evaluations.map((evaluationId) => award(evaluationId, { bidder: "Beta Ltd", contractId })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = (await answers[statuses.indexOf(200)]?.json()) as Award;
    for (const loser of answers.filter((r) => r.status === 409)) {
      expect(((await loser.json()) as Problem).detail).toMatch(/^This contract is (already|being) awarded from evaluation CCC-T-\w+ \([0-9a-f-]+\)/);
    }

    const partition = await stored(contractId);
    expect(partition.claim).toEqual({ state: "awarded", evaluationId: winner.evaluationId });
    const t1 = evaluations.indexOf(winner.evaluationId) + 1;
    expect(partition.commitments).toEqual([["T-1", t1, 1, t1 * 100], ["T-2", 50, 0.5, 250]]);
    expect(partition.sum).toBe(winner.totalCommittedValue);
    expect(winner.totalCommittedValue).toBe(t1 * 100 + 250);

    // No loser kept a claim or an award, and each can still be awarded to another contract.
    const losers = evaluations.filter((id) => id !== winner.evaluationId);
    for (const evaluationId of losers) {
      expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
      expect((await service.storage.evaluations.get(evaluationId))?.award).toBeUndefined();
    }
    const later = await Promise.all(losers.map(async (evaluationId) => (await award(evaluationId, { bidder: "Beta Ltd", contractId: await addContract(supplierId) })).status));
    expect(later).toEqual(losers.map(() => 200));
    expect(await stored(contractId)).toEqual(partition);
  });
});

/** A door a test opens once: what waits on it goes on when it is opened. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The storage as the service has it, but with one repository's methods replaced, each wrapping the real one. */
function withRepository<K extends "awards" | "contracts">(storage: Storage, name: K, methods: (real: Storage[K]) => Partial<Storage[K]>): Storage {
  const real = storage[name];
  return { ...storage, [name]: Object.assign(Object.create(real) as Storage[K], methods(real)) };
}

const evaluatorPrincipal: Principal = { userId: "eve.evaluator", name: "Eve Evaluator", roles: ["evaluator"] };
const adminPrincipal: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };
const appDeps = (storage: Storage) => createAppDeps(storage, { moneyLabel: "Coventry £" });

/** Procurement moves the contract to another supplier, through the service, with the ETag it reads first. */
async function moveSupplier(contractId: string, supplierId: string) {
  const read = await service.call(`/api/contracts/${contractId}`, { token: admin });
  return service.call(`/api/contracts/${contractId}`, { method: "PATCH", token: admin, body: { supplierId }, headers: { "if-match": read.headers.get("etag") ?? "" } });
}

describe("a contract held by another supplier never carries the award", () => {
  it("a supplier changed after the award read the contract, before it claimed it: the award is refused and nothing is stored", async () => {
    const [beta, delta] = [await addSupplier("Beta Ltd"), await addSupplier("Delta Grounds Ltd")];
    const contractId = await addContract(beta);
    const evaluationId = await submitEvaluation();
    // The award has read the contract and its supplier (Beta Ltd); before it claims anything,
    // procurement moves the contract to Delta Grounds Ltd.
    const storage = withRepository(service.storage, "awards", (real) => ({
      claimEvaluation: async (...args: Parameters<typeof real.claimEvaluation>) => {
        expect((await moveSupplier(contractId, delta)).status).toBe(200);
        return real.claimEvaluation(...args);
      },
    }));
    const outcome = await awardEvaluation(appDeps(storage), evaluatorPrincipal, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
    expect(outcome).toMatchObject({ ok: false, kind: "unprocessable", errors: [{ field: "contractId", message: expect.stringMatching(/^is held by Delta Grounds Ltd, not Beta Ltd\./) as unknown }] });

    expect(await stored(contractId)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
    const contract = await service.storage.contracts.get(contractId);
    expect(contract).toMatchObject({ supplierId: delta });
    expect([contract?.award, contract?.awardClaim]).toEqual([undefined, undefined]);
    // The evaluation is free for Beta Ltd's contract.
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId: await addContract(beta) })).status).toBe(200);
  });

  it("a change of supplier read before the award marked the contract fails (412), even once the commitments are written: the award stands on its winner's contract", async () => {
    const [beta, delta] = [await addSupplier("Beta Ltd"), await addSupplier("Delta Grounds Ltd")];
    const contractId = await addContract(beta);
    const evaluationId = await submitEvaluation();
    const read = await service.storage.contracts.get(contractId);
    // The change reads the contract (no award on it) and stops before it writes...
    const [reached, written] = [gate(), gate()];
    const patchStorage = withRepository(service.storage, "contracts", (real) => ({
      update: async (...args: Parameters<typeof real.update>) => {
        reached.open();
        await written.opened;
        return real.update(...args);
      },
    }));
    const patching = updateContract(appDeps(patchStorage), adminPrincipal, { contractId, etag: read?.etag ?? "", patch: { supplierId: delta } }).then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    await reached.opened;
    // ...the award claims the contract and writes its commitments, then lets the change write
    // before it finishes.
    const awardStorage = withRepository(service.storage, "awards", (real) => ({
      writeAward: async (...args: Parameters<typeof real.writeAward>) => {
        try {
          return await real.writeAward(...args);
        } finally {
          written.open();
          await patching;
        }
      },
    }));
    const outcome = await awardEvaluation(appDeps(awardStorage), evaluatorPrincipal, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
    written.open();
    const patched = await patching;
    expect("error" in patched && isStorageError(patched.error, "precondition-failed"), JSON.stringify(patched)).toBe(true);
    expect(outcome).toMatchObject({ ok: true, value: { supplierId: beta, totalCommittedValue: 350 } });

    const contract = await service.storage.contracts.get(contractId);
    expect(contract).toMatchObject({ supplierId: beta, award: { evaluationId } });
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS, award: { supplierId: beta } });
  });

  it("a change of supplier while an award is being made is refused, saying that it is being made", async () => {
    const [beta, delta] = [await addSupplier("Beta Ltd"), await addSupplier("Delta Grounds Ltd")];
    const contractId = await addContract(beta);
    const evaluationId = await submitEvaluation();
    let answer: Response | undefined;
    // The award has marked the contract and is about to write its commitments.
    const storage = withRepository(service.storage, "awards", (real) => ({
      writeAward: async (...args: Parameters<typeof real.writeAward>) => {
        answer = await moveSupplier(contractId, delta);
        return real.writeAward(...args);
      },
    }));
    const outcome = await awardEvaluation(appDeps(storage), evaluatorPrincipal, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
    expect(outcome.ok).toBe(true);
    expect(answer?.status).toBe(409);
    const problem = (await answer?.json()) as Problem;
    expect(problem.detail).toMatch(/^Contract CCC-C-\w+ is being awarded to Beta Ltd from evaluation CCC-T-\w+, so its supplier cannot change\./);
    expect(problem.errors).toEqual([{ field: "supplierId", message: "cannot change while the contract is being awarded" }]);
    expect(await service.storage.contracts.get(contractId)).toMatchObject({ supplierId: beta, award: { evaluationId } });
  });

  it("awards and changes of supplier racing on 10 contracts: each contract ends with the award on its winner, or moved and unawarded", async () => {
    const [beta, delta] = [await addSupplier("Beta Ltd"), await addSupplier("Delta Grounds Ltd")];
    const contracts = await Promise.all(Array.from({ length: 10 }, () => addContract(beta)));
    const evaluations = await Promise.all(contracts.map(() => submitEvaluation()));
    /** Moves the contract to Delta Grounds Ltd, reading it again after a 412, until it moves or is refused. */
    const move = async (contractId: string) => {
      for (;;) {
        const status = (await moveSupplier(contractId, delta)).status;
        if (status !== 412) return status;
      }
    };
    const answers = await Promise.all(contracts.map((contractId, i) => Promise.all([award(evaluations[i] ?? "", { bidder: "Beta Ltd", contractId }).then((r) => r.status), move(contractId)])));
    for (const [i, contractId] of contracts.entries()) {
      const [awarded, moved] = answers[i] ?? [];
      const contract = await service.storage.contracts.get(contractId);
      const partition = await stored(contractId);
      if (awarded === 200) {
        expect(moved).toBe(409);
        expect(contract).toMatchObject({ supplierId: beta, award: { evaluationId: evaluations[i] } });
        expect(partition).toMatchObject({ claim: { state: "awarded" }, commitments: BETA_COMMITMENTS, award: { supplierId: beta } });
      } else {
        expect([awarded, moved]).toEqual([422, 200]);
        expect(contract?.supplierId).toBe(delta);
        expect([contract?.award, contract?.awardClaim]).toEqual([undefined, undefined]);
        expect(partition).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
      }
    }
  });
});

describe("the same award sent several times at once", () => {
  it("answers the one award each time and stores it once", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    const answers = await Promise.all(Array.from({ length: 5 }, () => award(evaluationId, { bidder: "Beta Ltd", contractId })));
    const awards = (await Promise.all(answers.map((r) => r.json()))) as Award[];
    expect(answers.map((r) => r.status), JSON.stringify(awards)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(awards.map((a) => JSON.stringify({ ...a, created: undefined }))).size).toBe(1);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS, sum: 350 });
  });
});

/** The storage the service uses, with each request to Table storage counted by kind (the catalogues are the service's, with its cache). */
function countedStorage(): { storage: Storage; requests: Record<string, number> } {
  const requests: Record<string, number> = {};
  const store = new Proxy(service.storage.store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== "function" || !["get", "page", "all", "create", "replace", "upsert", "delete", "batch"].includes(String(name))) return value;
      return (...args: unknown[]) => {
        requests[String(name)] = (requests[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    requests,
    storage: { ...service.storage, store, suppliers: new SupplierRepository(store), contracts: new ContractRepository(store), evaluations: new EvaluationRepository(store), awards: new AwardRepository(store) },
  };
}

describe("the same award sent again once it is made", () => {
  it("reads the evaluation, its claim, the contract's partition and whether a withdrawal began, and writes nothing", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    const first = (await (await award(evaluationId, { bidder: "Beta Ltd", contractId })).json()) as Award;
    const { storage, requests } = countedStorage();
    const again = await awardEvaluation(appDeps(storage), evaluatorPrincipal, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
    expect(again).toMatchObject({ ok: true, value: { contractId, awardedAt: first.awardedAt, totalCommittedValue: 350 } });
    expect(requests).toEqual({ all: 2, get: 2 });
    expect(await service.storage.contracts.get(contractId)).toMatchObject({ award: { evaluationId, awardedAt: first.awardedAt } });
  });
});

describe("claims left behind by a crash", () => {
  it("a retry of the same award completes it, with exactly the winner's commitments", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    await crashedAward(service.storage.awards, evaluationId, contractId);
    expect((await stored(contractId)).claim?.state).toBe("pending");

    const retry = await award(evaluationId, { bidder: "Beta Ltd", contractId });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as Award).totalCommittedValue).toBe(350);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS, sum: 350 });
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId, bidder: "Beta Ltd", totalCommittedValue: 350 });
  });

  it("a recent claim for another contract holds the evaluation; once stale it is released, rows and all", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const [first, second] = [await addContract(supplierId, `CCC-FIRST-${unique()}`), await addContract(supplierId)];
    const fresh = await submitEvaluation();
    await crashedAward(service.storage.awards, fresh, first);
    const held = await award(fresh, { bidder: "Beta Ltd", contractId: second });
    expect(held.status).toBe(409);
    expect(((await held.json()) as Problem).detail).toMatch(new RegExp(`^This evaluation is being awarded to Beta Ltd on contract CCC-FIRST-\\w+ \\(${first}\\)`));
    expect((await stored(second)).claim).toBeUndefined();

    const stale = await submitEvaluation();
    const third = await addContract(supplierId);
    await crashedAward(minutesAgo(10), stale, third);
    const moved = await award(stale, { bidder: "Beta Ltd", contractId: second });
    expect(moved.status).toBe(200);
    expect(await stored(third)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
    expect(await stored(second)).toMatchObject({ claim: { state: "awarded", evaluationId: stale }, commitments: BETA_COMMITMENTS });
  });

  it("a stale claim on a contract from another evaluation is released for the next award", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const [crashed, next] = [await submitEvaluation(), await submitEvaluation()];
    await crashedAward(minutesAgo(10), crashed, contractId);
    const response = await award(next, { bidder: "Beta Ltd", contractId });
    expect(response.status).toBe(200);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId: next }, commitments: BETA_COMMITMENTS });
    expect(await service.storage.awards.evaluationClaim(crashed)).toBeUndefined();
    // The crashed evaluation is free again.
    expect((await award(crashed, { bidder: "Beta Ltd", contractId: await addContract(await addSupplier("Beta Ltd")) })).status).toBe(200);
  });
});

describe("an unfinished award left behind by a crash", () => {
  const withdraw = (evaluationId: string) => service.call(`/api/evaluations/${evaluationId}/award/withdrawal`, { method: "POST", token: admin, body: { reason: "Left unfinished" } });
  const newContract = (reference: string) => ({ reference, title: "Parks maintenance", category: "services" as const, value: 2000, startDate: "2026-04-01", endDate: "2028-03-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA });

  /** The first steps of an award that creates its contract, as a request that then crashed left
   * them, ten minutes ago: both claims, and the contract, marked with the claim. */
  async function crashedNewContract(evaluationId: string, supplierId: string, reference: string) {
    const evaluation = await service.storage.evaluations.get(evaluationId);
    if (!evaluation) throw new Error("no evaluation");
    const awards = minutesAgo(10);
    const contractId = crypto.randomUUID();
    const claim = { claimId: crypto.randomUUID(), evaluationId, evaluationReference: evaluation.reference, contractId, contractReference: reference, bidder: "Beta Ltd", newContract: true, claimedBy: "crashed" };
    expect(await awards.claimEvaluation(claim)).toBeDefined();
    await service.storage.contracts.create({ ...newContract(reference), supplierId, awardClaim: { claimId: claim.claimId, evaluationId, evaluationReference: evaluation.reference, bidder: "Beta Ltd" } }, contractId);
    expect(await awards.claimContract(claim)).toBeDefined();
    return contractId;
  }

  it("is released by a procurement officer's withdrawal: its rows, its claims and the contract's mark go, and nothing is kept", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    await crashedAward(minutesAgo(10), evaluationId, contractId);
    expect((await service.storage.contracts.get(contractId))?.awardClaim).toBeDefined();

    const released = await withdraw(evaluationId);
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({ released: { evaluationId, contractId, bidder: "Beta Ltd", claimedBy: "crashed", commitmentsRemoved: 1, contractRemoved: false, releasedBy: "rob.amor" } });
    expect(await stored(contractId)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
    expect((await service.storage.contracts.get(contractId))?.awardClaim).toBeUndefined();
    expect(await service.storage.awards.withdrawals(evaluationId)).toEqual([]);
    // The contract's supplier may change again, and the evaluation can be awarded.
    expect((await moveSupplier(contractId, await addSupplier("Epsilon Works Ltd"))).status).toBe(200);
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId: await addContract(await addSupplier("Beta Ltd")) })).status).toBe(200);
  });

  it("is not released while it may still be at work: the withdrawal says when it can be", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    await crashedAward(service.storage.awards, evaluationId, contractId);
    const refused = await withdraw(evaluationId);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).detail).toMatch(/is not finished, so there is nothing to withdraw yet\. Reload in a moment; if it is still unfinished two minutes after its last step, send the withdrawal again to release it\.$/);
    expect((await stored(contractId)).claim?.state).toBe("pending");
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeDefined();
  });

  it("that was creating its contract takes the contract out of the register when released, so its reference is free again", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const evaluationId = await submitEvaluation();
    const reference = `CCC-ORPHAN-${unique()}`;
    const contractId = await crashedNewContract(evaluationId, supplierId, reference);

    const released = await withdraw(evaluationId);
    expect(released.status).toBe(200);
    expect(await released.json()).toMatchObject({ released: { contractId, contractReference: reference, commitmentsRemoved: 0, contractRemoved: true } });
    expect(await service.storage.contracts.get(contractId)).toBeUndefined();
    expect(await service.storage.contracts.referenceHolder(reference)).toBeUndefined();
    expect((await service.call(`/api/contracts/${contractId}`, { token: admin })).status).toBe(404);
    const again = await award(evaluationId, { bidder: "Beta Ltd", supplierId, contract: newContract(reference) });
    expect(again.status, JSON.stringify(await again.clone().json())).toBe(201);
  });

  it("that was creating its contract, released by another award of the evaluation, takes that contract with it", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const evaluationId = await submitEvaluation();
    const reference = `CCC-ORPHAN-${unique()}`;
    const orphan = await crashedNewContract(evaluationId, supplierId, reference);
    const other = await award(evaluationId, { bidder: "Beta Ltd", contractId: await addContract(supplierId) });
    expect(other.status).toBe(200);
    expect(await service.storage.contracts.get(orphan)).toBeUndefined();
    expect(await service.storage.contracts.referenceHolder(reference)).toBeUndefined();
    expect(await stored(orphan)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
  });
});

describe("an award with delivery reported against it", () => {
  it("cannot be withdrawn, and stays as it was", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    // A KPI update, as the delivery release records it in the contract's partition.
    await service.storage.store.upsert("ContractSocialValue", { partitionKey: contractId, rowKey: `kpi-update:${crypto.randomUUID()}`, measure: "T-1", quantity: 1 });
    const contract = await service.storage.contracts.get(contractId);

    const refused = await service.call(`/api/evaluations/${evaluationId}/award/withdrawal`, { method: "POST", token: admin, body: { reason: "Wrong contract" } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Problem).detail).toBe(`This award cannot be withdrawn: 1 KPI update has been recorded against contract ${contract?.reference}. Change the contract instead.`);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS, sum: 350 });
    expect(await service.storage.awards.withdrawals(evaluationId)).toEqual([]);
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId });
    expect((await service.storage.contracts.get(contractId))?.award).toMatchObject({ evaluationId });
  });
});

describe("a KPI update recorded while the award was being withdrawn", () => {
  /** A KPI update as the delivery release records it: its row, and the award row rewritten under its ETag in the same step. */
  async function recordUpdate(contractId: string) {
    const { store } = service.storage;
    const row = await store.get("ContractSocialValue", contractId, "award");
    if (!row) throw new Error("no award row");
    const { etag, ...award } = row;
    await store.batch("ContractSocialValue", contractId, [
      { kind: "create", entity: { partitionKey: contractId, rowKey: `kpi-update:${crypto.randomUUID()}`, p0: "{}" } },
      { kind: "update", entity: award, etag },
    ], "The KPI update");
  }

  it("stops the withdrawal, which is refused at once, its record taken back; sent again it is refused; the award stands as it was", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    // The update lands after the withdrawal counted none and kept its record, before it removes the contract's rows.
    const storage = withRepository(service.storage, "awards", (real) => ({
      clearContract: async (state) => {
        await recordUpdate(contractId);
        return real.clearContract(state);
      },
    }));
    const first = await withdrawAward(appDeps(storage), adminPrincipal, { evaluationId, reason: "Wrong contract" });
    const reference = (await service.storage.contracts.get(contractId))?.reference;
    const refusal = `This award cannot be withdrawn: 1 KPI update has been recorded against contract ${reference}. Change the contract instead.`;
    expect(first).toMatchObject({ ok: false, kind: "conflict", message: refusal });
    expect(await service.storage.awards.withdrawals(evaluationId)).toEqual([]);
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId });

    const again = await service.call(`/api/evaluations/${evaluationId}/award/withdrawal`, { method: "POST", token: admin, body: { reason: "Wrong contract" } });
    expect(again.status).toBe(409);
    const contract = await service.storage.contracts.get(contractId);
    expect(((await again.json()) as Problem).detail).toBe(`This award cannot be withdrawn: 1 KPI update has been recorded against contract ${contract?.reference}. Change the contract instead.`);
    expect(await service.storage.awards.withdrawals(evaluationId)).toEqual([]);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS, sum: 350 });
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId });
    expect((await service.storage.evaluations.list(1000)).items.find((e) => e.id === evaluationId)?.award).toMatchObject({ contractId });
    expect(contract?.award).toMatchObject({ evaluationId });
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeDefined();
  });

  it("an award of the evaluation sent after such a stopped withdrawal finds it awarded, and takes back the withdrawal", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const [contractId, other] = [await addContract(supplierId), await addContract(supplierId)];
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    // The first steps of a withdrawal (its record kept, the evaluation's copies cleared), then an update.
    const { awards, evaluations } = service.storage;
    const claim = await awards.evaluationClaim(evaluationId);
    const state = await awards.contractState(contractId);
    if (!claim || !state.claim?.award) throw new Error("not awarded");
    await awards.recordWithdrawal(evaluationId, claim.claimId, { award: state.claim.award, commitments: 2, withdrawnAt: new Date().toISOString(), withdrawnBy: "rob.amor", reason: "Wrong contract" });
    await evaluations.clearAward(evaluationId, claim.claimId);
    await recordUpdate(contractId);

    const moved = await award(evaluationId, { bidder: "Beta Ltd", contractId: other });
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as Problem).detail).toMatch(/^This evaluation is already awarded to Beta Ltd on contract CCC-C-/);
    expect(await awards.withdrawals(evaluationId)).toEqual([]);
    expect(await stored(contractId)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS });
    expect((await stored(other)).claim).toBeUndefined();
    expect((await evaluations.get(evaluationId))?.award).toMatchObject({ contractId });
  });
});

describe("a withdrawal stopped half way", () => {
  it("is finished by sending it again, which answers the withdrawal first recorded", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    // The first steps of a withdrawal that then crashed: its record kept, the contract's rows removed.
    const { awards } = service.storage;
    const claim = await awards.evaluationClaim(evaluationId);
    const state = await awards.contractState(contractId);
    if (!claim || !state.claim?.award) throw new Error("not awarded");
    await awards.recordWithdrawal(evaluationId, claim.claimId, { award: state.claim.award, commitments: 2, withdrawnAt: new Date().toISOString(), withdrawnBy: "rob.amor", reason: "First reason" });
    await awards.clearContract({ ...state, claim: state.claim });

    const again = await service.call(`/api/evaluations/${evaluationId}/award/withdrawal`, { method: "POST", token: admin, body: { reason: "Second reason" } });
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ reason: "First reason" });
    expect(await awards.evaluationClaim(evaluationId)).toBeUndefined();
    expect((await service.storage.evaluations.get(evaluationId))?.award).toBeUndefined();
    expect((await service.storage.contracts.get(contractId))?.award).toBeUndefined();
    expect((await awards.withdrawals(evaluationId)).map((w) => w.reason)).toEqual(["First reason"]);
  });
});

describe("an award after a withdrawal stopped half way", () => {
  it("finishes the withdrawal and makes the new award, not answering with the award just withdrawn", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const [first, second] = [await addContract(supplierId), await addContract(supplierId)];
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId: first })).status).toBe(200);
    // A withdrawal that crashed after keeping its record: the evaluation still says it is awarded.
    const { awards } = service.storage;
    const claim = await awards.evaluationClaim(evaluationId);
    const state = await awards.contractState(first);
    if (!claim || !state.claim?.award) throw new Error("not awarded");
    await awards.recordWithdrawal(evaluationId, claim.claimId, { award: state.claim.award, commitments: 2, withdrawnAt: new Date().toISOString(), withdrawnBy: "rob.amor", reason: "Wrong contract" });
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId: first });

    const again = await award(evaluationId, { bidder: "Beta Ltd", contractId: second });
    expect(again.status, JSON.stringify(await again.clone().json())).toBe(200);
    expect(await stored(first)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
    expect((await service.storage.contracts.get(first))?.award).toBeUndefined();
    expect(await stored(second)).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: BETA_COMMITMENTS });
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId: second });
    expect((await awards.withdrawals(evaluationId)).map((w) => w.award.contractId)).toEqual([first]);
  });
});

describe("the contract's supplier is the winner", () => {
  it("refuses a contract another supplier holds, naming contractId and who holds it, and stores nothing", async () => {
    const contractId = await addContract(await addSupplier("Alpha Ltd"));
    const evaluationId = await submitEvaluation();
    const response = await award(evaluationId, { bidder: "Beta Ltd", contractId });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as Problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(["contractId"]);
    expect(problem.errors?.[0]?.message).toMatch(/^is held by Alpha Ltd, not Beta Ltd\./);
    // In words the pane shows by the contract picker: no field name, no id to send.
    expect(problem.errors?.[0]?.message).toBe("is held by Alpha Ltd, not Beta Ltd. Choose Beta Ltd's contract, or, if Alpha Ltd is the same organisation as Beta Ltd, confirm that it is");
    expect(await stored(contractId)).toMatchObject({ claim: undefined, commitments: [] });
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
  });

  it("accepts the same organisation's name written another way", async () => {
    const contractId = await addContract(await addSupplier("ACME Limited"));
    const evaluationId = await submitEvaluation({ bidders: [{ name: "Acme Ltd.", price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-1", quantities: [3], accepted: [1] }] });
    const response = await award(evaluationId, { bidder: "acme ltd.", contractId });
    expect(response.status).toBe(200);
    expect((await response.json()) as Award).toMatchObject({ bidder: "Acme Ltd.", supplierConfirmed: false, totalCommittedValue: 300 });
    expect((await stored(contractId)).commitments).toEqual([["T-1", 3, 1, 300]]);
  });

  it("accepts another name once the evaluator confirms the supplier, and only that supplier", async () => {
    const supplierId = await addSupplier("Beta Facilities Group");
    const contractId = await addContract(supplierId);
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(422);
    const wrong = await award(evaluationId, { bidder: "Beta Ltd", contractId, supplierId: await addSupplier("Someone Else Ltd") });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as Problem).errors?.[0]?.field).toBe("contractId");
    const confirmed = await award(evaluationId, { bidder: "Beta Ltd", contractId, supplierId });
    expect(confirmed.status).toBe(200);
    expect((await confirmed.json()) as Award).toMatchObject({ supplierId, supplierConfirmed: true });
    expect((await service.storage.evaluations.get(evaluationId))?.award?.supplierConfirmed).toBe(true);
  });
});

describe("an award that creates its contract", () => {
  const newContract = (reference: string) => ({ reference, title: "Parks maintenance", category: "services", value: 2000, startDate: "2026-04-01", endDate: "2028-03-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA });

  it("adds the contract, and the bidder to the register with its details to complete; a repeat changes nothing", async () => {
    const bidder = `Newco ${unique()} Ltd`;
    const evaluationId = await submitEvaluation({ bidders: [{ name: bidder, price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-2", quantities: [20], accepted: [1] }] });
    const reference = `CCC-NEW-${unique()}`;
    const response = await award(evaluationId, { bidder, contract: newContract(reference) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Award;
    expect(response.headers.get("location")).toBe(`/api/contracts/${created.contractId}`);
    expect(created).toMatchObject({ contractReference: reference, bidder, totalCommittedValue: 200, moneyLabel: "Coventry £", created: { contract: true, supplier: true } });

    const contract = (await (await service.call(`/api/contracts/${created.contractId}`, { token: admin })).json()) as { supplierId: string; reference: string; award: { evaluationId: string } | null };
    expect(contract).toMatchObject({ reference, supplierId: created.supplierId, award: { evaluationId } });
    const supplierResponse = await service.call(`/api/suppliers/${created.supplierId}`, { token: admin });
    const supplier = (await supplierResponse.json()) as { name: string; sizeBand: string; local: unknown; sme: unknown; detailsToComplete: string[] };
    expect(supplier).toMatchObject({ name: bidder, sizeBand: "unknown", local: "unknown", sme: "unknown", detailsToComplete: ["postcode", "employees", "turnover", "balanceSheet"] });

    const again = await award(evaluationId, { bidder, contract: newContract(reference) });
    expect(again.status).toBe(200);
    expect((await again.json()) as Award).toMatchObject({ contractId: created.contractId, supplierId: created.supplierId, created: { contract: false, supplier: false } });
    const listed = (await (await service.call("/api/contracts?limit=500", { token: admin })).json()) as { items: { reference: string }[] };
    expect(listed.items.filter((c) => c.reference === reference)).toHaveLength(1);
    const suppliers = (await (await service.call("/api/suppliers?limit=500", { token: admin })).json()) as { items: { name: string }[] };
    expect(suppliers.items.filter((s) => s.name === bidder)).toHaveLength(1);

    // Procurement completes the supplier's details, with its ETag.
    const patch = { postcode: "cv1 2gt", employees: 12, turnover: 900_000, balanceSheet: 300_000 };
    expect((await service.call(`/api/suppliers/${created.supplierId}`, { method: "PATCH", token: admin, body: patch })).status).toBe(428);
    expect((await service.call(`/api/suppliers/${created.supplierId}`, { method: "PATCH", token: evaluator, body: patch, headers: { "if-match": supplierResponse.headers.get("etag") ?? "" } })).status).toBe(403);
    const completed = await service.call(`/api/suppliers/${created.supplierId}`, { method: "PATCH", token: admin, body: patch, headers: { "if-match": supplierResponse.headers.get("etag") ?? "" } });
    expect(completed.status).toBe(200);
    expect(await completed.json()).toMatchObject({ postcode: "CV1 2GT", sizeBand: "small", local: true, sme: true, detailsToComplete: [] });
    const stale = await service.call(`/api/suppliers/${created.supplierId}`, { method: "PATCH", token: admin, body: { employees: 13 }, headers: { "if-match": supplierResponse.headers.get("etag") ?? "" } });
    expect(stale.status).toBe(412);
  });

  it("sent several times at once (a double click), creates one contract and makes one award", async () => {
    const bidder = `Twice ${unique()} Ltd`;
    const evaluationId = await submitEvaluation({ bidders: [{ name: bidder, price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-1", quantities: [2], accepted: [1] }] });
    const reference = `CCC-TWICE-${unique()}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => award(evaluationId, { bidder, contract: newContract(reference) })));
    const awards = (await Promise.all(answers.map((r) => r.json()))) as Award[];
    expect(answers.map((r) => r.status).sort(), JSON.stringify(awards)).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(awards.map((a) => a.contractId)).size).toBe(1);
    const listed = (await (await service.call("/api/contracts?limit=500", { token: admin })).json()) as { items: { reference: string }[] };
    expect(listed.items.filter((c) => c.reference === reference)).toHaveLength(1);
    expect(await stored(awards[0]?.contractId ?? "")).toMatchObject({ claim: { state: "awarded", evaluationId }, commitments: [["T-1", 2, 1, 200]] });
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toMatchObject({ contractId: awards[0]?.contractId });
  });

  it("does not take a supplier added at an earlier award and renamed since for the bidder: the evaluator chooses", async () => {
    const bidder = `Renamed ${unique()} Ltd`;
    const tender = { bidders: [{ name: bidder, price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-1", quantities: [1], accepted: [1] }] };
    const first = (await (await award(await submitEvaluation(tender), { bidder, contract: newContract(`CCC-R-${unique()}`) })).json()) as Award;
    // Procurement renames the supplier the award added: it was another organisation's name.
    const read = await service.call(`/api/suppliers/${first.supplierId}`, { token: admin });
    const renamed = await service.call(`/api/suppliers/${first.supplierId}`, { method: "PATCH", token: admin, body: { name: "Northgate Cleaning Ltd" }, headers: { "if-match": read.headers.get("etag") ?? "" } });
    expect(renamed.status).toBe(200);

    const evaluationId = await submitEvaluation(tender);
    const reference = `CCC-R-${unique()}`;
    const refused = await award(evaluationId, { bidder, contract: newContract(reference) });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as Problem).errors).toEqual([
      { field: "supplierId", message: `is to be chosen: ${bidder} is not in the register by that name, and the supplier added for it at an earlier award is now named Northgate Cleaning Ltd. If that is the same organisation, choose it as the supplier; otherwise ask procurement to add ${bidder} to the register, then award again` },
    ]);
    expect(await service.storage.contracts.referenceHolder(reference)).toBeUndefined();
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
    expect((await service.storage.suppliers.get(first.supplierId))?.name).toBe("Northgate Cleaning Ltd");

    // The evaluator says it is the same organisation: the award goes ahead on it, confirmed.
    const confirmed = await award(evaluationId, { bidder, supplierId: first.supplierId, contract: newContract(reference) });
    expect(confirmed.status).toBe(201);
    const made = (await confirmed.json()) as Award;
    expect(made).toMatchObject({ supplierId: first.supplierId, supplierConfirmed: true, created: { contract: true, supplier: false } });
    expect(await service.storage.contracts.get(made.contractId)).toMatchObject({ reference, supplierId: first.supplierId, award: { evaluationId } });
  });

  it("uses the supplier of the same name, and refuses a reference another contract has", async () => {
    const supplierId = await addSupplier("GAMMA LIMITED");
    const evaluationId = await submitEvaluation();
    const taken = `CCC-TAKEN-${unique()}`;
    await addContract(supplierId, taken);
    const duplicate = await award(evaluationId, { bidder: "Gamma Ltd", contract: newContract(taken.toLowerCase()) });
    expect(duplicate.status).toBe(409);
    expect(((await duplicate.json()) as Problem).errors?.map((e) => e.field)).toEqual(["contract.reference"]);
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();

    const response = await award(evaluationId, { bidder: "Gamma Ltd", contract: newContract(`CCC-G-${unique()}`) });
    expect(response.status).toBe(201);
    expect((await response.json()) as Award).toMatchObject({ supplierId, created: { contract: true, supplier: false }, totalCommittedValue: 50 });
  });

  it("refuses a service area not in the council's list, naming contract.serviceArea, and adds nothing", async () => {
    const bidder = `Area ${unique()} Ltd`;
    const evaluationId = await submitEvaluation({ bidders: [{ name: bidder, price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-1", quantities: [1], accepted: [1] }] });
    const reference = `CCC-AREA-${unique()}`;
    const refused = await award(evaluationId, { bidder, contract: { ...newContract(reference), serviceArea: `Not a directorate ${unique()}` } });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(["contract.serviceArea"]);
    expect(problem.errors?.[0]?.message).toContain(TEST_SERVICE_AREA);
    expect(await service.storage.contracts.referenceHolder(reference)).toBeUndefined();
    expect(await service.storage.awards.evaluationClaim(evaluationId)).toBeUndefined();
    const suppliers = (await (await service.call("/api/suppliers?limit=500", { token: admin })).json()) as { items: { name: string }[] };
    expect(suppliers.items.filter((s) => s.name === bidder)).toHaveLength(0);

    const { serviceArea: _area, ...withoutArea } = newContract(reference);
    const missing = await award(evaluationId, { bidder, contract: withoutArea });
    expect(((await missing.json()) as Problem).errors).toEqual([{ field: "contract.serviceArea", message: "is required" }]);
    // Nor may an evaluator record a KPI exemption with the award: procurement does that afterwards.
    const exempt = await award(evaluationId, { bidder, contract: { ...newContract(reference), kpiExemptionReason: "A framework" } }, admin);
    expect(exempt.status).toBe(400);
    expect(((await exempt.json()) as Problem).errors?.map((e) => e.field)).toEqual(["contract"]);

    const made = await award(evaluationId, { bidder, contract: newContract(reference) });
    expect(made.status).toBe(201);
    expect(await service.storage.contracts.get(((await made.json()) as Award).contractId)).toMatchObject({ reference, serviceArea: TEST_SERVICE_AREA });
  });
});

describe("what a supplier's contact sees of the award", () => {
  it("what their organisation committed and its value, none of the council's working; another supplier sees nothing", async () => {
    const beta = await addSupplier("Beta Ltd");
    const contractId = await addContract(beta);
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    const kept = await service.storage.awards.contractAward(contractId);
    if (!kept) throw new Error("not awarded");
    const contract = await service.storage.contracts.get(contractId);

    const contact = await service.token("jo.beta", "supplier", { supplierId: beta });
    const seen = await service.call(`/api/contracts/${contractId}/commitments`, { token: contact });
    expect(seen.status).toBe(200);
    expect(await seen.json()).toEqual({ contractId, contractReference: contract?.reference, awardedAt: kept.awardedAt, totalCommittedValue: 350, commitments: kept.commitments });
    // The council's staff see the award as it is stored.
    expect(await (await service.call(`/api/contracts/${contractId}/commitments`, { token: admin })).json()).toEqual(JSON.parse(JSON.stringify(kept)));

    const other = await service.token("al.gamma", "supplier", { supplierId: await addSupplier("Gamma Ltd") });
    expect((await service.call(`/api/contracts/${contractId}/commitments`, { token: other })).status).toBe(404);
  });
});

describe("confirm before an irreversible step", () => {
  const numberAsWords = { code: "NON_NUMERIC", severity: "error", sheet: "Commitments", cell: "G3", bidder: "Beta Ltd", measure: "T-2", message: 'Commitments!G3 holds "fifty", not a number: it counts as 0.' };

  it("refuses to award past Error-level scoring issues until the evaluator says they reviewed them, and keeps the tick", async () => {
    const contractId = await addContract(await addSupplier("Beta Ltd"));
    const evaluationId = await submitEvaluation({ workbookIssues: [numberAsWords, { ...numberAsWords, code: "NUMBER_AS_TEXT", severity: "error", cell: "G4" }] });
    const stored = (await (await service.call(`/api/evaluations/${evaluationId}`, { token: evaluator })).json()) as { result: { issues: { code: string; severity: string }[] } };
    // The severity is the code's: NUMBER_AS_TEXT is a warning whatever the client said.
    expect(stored.result.issues.map((i) => [i.code, i.severity])).toEqual([["NON_NUMERIC", "error"], ["NUMBER_AS_TEXT", "warning"]]);

    const refused = await award(evaluationId, { bidder: "Beta Ltd", contractId });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors).toEqual([{ field: "issuesReviewed", message: "is needed: tick that you reviewed the 1 Error-level scoring issue, then award" }]);
    expect(problem.detail).toBe("The award: issuesReviewed is needed: tick that you reviewed the 1 Error-level scoring issue, then award.");
    expect((await service.storage.awards.contractState(contractId)).claim).toBeUndefined();

    const reviewed = await award(evaluationId, { bidder: "Beta Ltd", contractId, issuesReviewed: true });
    expect(reviewed.status).toBe(200);
    expect((await service.storage.evaluations.get(evaluationId))?.award).toMatchObject({ issuesReviewed: true, errorIssues: 1 });
  });

  it("lets an admin withdraw an award with a reason, keeps the withdrawal, and frees the contract", async () => {
    const supplierId = await addSupplier("Beta Ltd");
    const contractId = await addContract(supplierId);
    const evaluationId = await submitEvaluation();
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId })).status).toBe(200);
    const listed = (await (await service.call("/api/contracts?limit=500", { token: evaluator })).json()) as { items: { id: string; award: { evaluationId: string } | null }[] };
    expect(listed.items.find((c) => c.id === contractId)?.award).toMatchObject({ evaluationId, bidder: "Beta Ltd" });
    // A change to the contract keeps its award.
    const read = await service.call(`/api/contracts/${contractId}`, { token: admin });
    const changed = await service.call(`/api/contracts/${contractId}`, { method: "PATCH", token: admin, body: { title: "Parks and verges maintenance" }, headers: { "if-match": read.headers.get("etag") ?? "" } });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { award: unknown }).award).toMatchObject({ evaluationId });
    // Its supplier does not: the award holds the contract to its winner.
    const other = await addSupplier("Gamma Ltd");
    const moved = await service.call(`/api/contracts/${contractId}`, { method: "PATCH", token: admin, body: { supplierId: other }, headers: { "if-match": changed.headers.get("etag") ?? "" } });
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as Problem).errors).toEqual([{ field: "supplierId", message: "cannot change while the contract carries an award" }]);
    expect(((await (await service.call(`/api/contracts/${contractId}`, { token: admin })).json()) as { supplierId: string }).supplierId).toBe(supplierId);

    const withdraw = (body: unknown, token = admin) => service.call(`/api/evaluations/${evaluationId}/award/withdrawal`, { method: "POST", token, body });
    expect((await withdraw({ reason: "Wrong contract" }, evaluator)).status).toBe(403);
    const noReason = await withdraw({ reason: "  " });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as Problem).errors?.[0]?.field).toBe("reason");
    expect((await stored(contractId)).claim?.state).toBe("awarded");

    const withdrawn = await withdraw({ reason: "Awarded to the wrong contract" });
    expect(withdrawn.status).toBe(201);
    expect(await withdrawn.json()).toMatchObject({ award: { contractId, bidder: "Beta Ltd", totalCommittedValue: 350 }, commitments: 2, withdrawnBy: "rob.amor", reason: "Awarded to the wrong contract" });
    expect(await stored(contractId)).toEqual({ claim: undefined, commitments: [], sum: 0, award: undefined });
    expect(await (await service.call(`/api/contracts/${contractId}/commitments`, { token: admin })).json()).toMatchObject({ evaluationId: null, commitments: [] });
    expect(((await (await service.call(`/api/contracts/${contractId}`, { token: admin })).json()) as { award: unknown }).award).toBeNull();
    expect((await service.storage.evaluations.get(evaluationId))?.award).toBeUndefined();
    const kept = (await (await service.call(`/api/evaluations/${evaluationId}/award/withdrawals`, { token: evaluator })).json()) as { items: { reason: string; withdrawnBy: string }[] };
    expect(kept.items).toEqual([expect.objectContaining({ reason: "Awarded to the wrong contract", withdrawnBy: "rob.amor" })]);
    const twice = await withdraw({ reason: "Again" });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as Problem).detail).toMatch(/^This evaluation has no award to withdraw\. Its last award \(to Beta Ltd on contract CCC-C-\w+\) was withdrawn on/);

    // The contract can be awarded again, and so can the evaluation.
    expect((await award(await submitEvaluation(), { bidder: "Beta Ltd", contractId })).status).toBe(200);
    expect((await award(evaluationId, { bidder: "Beta Ltd", contractId: await addContract(supplierId) })).status).toBe(200);
  });
});
