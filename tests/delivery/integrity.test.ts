// What keeps delivery whole across records: a KPI or an update reached only through its own
// contract and KPI, one set of commitments per contract, and a term that keeps every period reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import {
  addContract,
  addKpi,
  addSupplier,
  awardedContract,
  deliveryPeople,
  fieldsOf,
  monthAfter,
  monthEnd,
  monthStart,
  postReview,
  postUpdate,
  readKpis,
  readUpdates,
  sendUpdate,
  supplierContact,
  todayUk,
  unique,
  type People,
} from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
const today = todayUk();
const month = (n: number) => monthAfter(today, n);
const term = { startDate: monthStart(month(-12)), endDate: monthEnd(month(12)) };

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
});
afterAll(() => service.close());

describe("a KPI and an update are reached only through their own contract and KPI", () => {
  it("an update posted on one contract with another contract's KPI is not found, and nothing is stored", async () => {
    const supplierId = await addSupplier(service, people.admin);
    const [a, b] = [await addContract(service, people.admin, { supplierId, ...term }), await addContract(service, people.admin, { supplierId, ...term })];
    const kpiOfB = await addKpi(service, people.admin, b.id, { reporter: "manager" });
    const response = await postUpdate(service, people.admin, a.id, kpiOfB.id, { period: month(-1), value: 3 });
    expect(response.status).toBe(404);
    const patch = await service.call(`/api/contracts/${a.id}/kpis/${kpiOfB.id}`, { method: "PATCH", token: people.admin, body: { title: "Moved" }, headers: { "if-match": kpiOfB.etag } });
    expect(patch.status).toBe(404);
    expect(await readUpdates(service, people.admin, b.id, kpiOfB.id)).toEqual([]);
    expect((await service.storage.delivery.read(a.id)).updates).toEqual([]);
  });

  it("a review sent through another KPI's path is not found, and the update still waits", async () => {
    const supplierId = await addSupplier(service, people.admin);
    const contract = await addContract(service, people.admin, { supplierId, ...term });
    const [first, second] = [await addKpi(service, people.admin, contract.id, { reporter: "supplier" }), await addKpi(service, people.admin, contract.id, { reporter: "supplier", title: "Second" })];
    const supplier = await supplierContact(service, supplierId);
    const update = await sendUpdate(service, supplier, contract.id, first.id, month(-1), 5);
    const response = await postReview(service, people.manager, contract.id, second.id, update.id, { decision: "approve" });
    expect(response.status).toBe(404);
    expect((await readUpdates(service, people.admin, contract.id, first.id)).map((u) => u.status)).toEqual(["pending"]);
  });
});

describe("one set of social value commitments per contract", () => {
  it("an award onto a contract with commitments entered by a procurement officer is refused, naming contractId, and nothing is awarded", async () => {
    const { version } = await publishTestCatalogue(service, people.admin);
    const supplierId = await addSupplier(service, people.admin, "Beta Ltd");
    const contract = await addContract(service, people.admin, { supplierId, ...term });
    const entered = await service.call(`/api/contracts/${contract.id}/commitments`, { method: "POST", token: people.admin, body: { commitments: [{ measure: "T-1", quantity: 4, catalogueVersion: version }] } });
    expect(entered.status).toBe(201);
    const evaluation = await service.call("/api/evaluations", { method: "POST", token: people.evaluator, body: tenderSubmission(version, { reference: `CCC-T-${unique()}` }) });
    const { id: evaluationId } = (await evaluation.json()) as { id: string };
    const award = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: people.evaluator, body: { bidder: "Beta Ltd", contractId: contract.id } });
    expect(award.status).toBe(422);
    expect(await fieldsOf(award)).toEqual(["contractId"]);
    const commitments = (await (await service.call(`/api/contracts/${contract.id}/commitments`, { token: people.admin })).json()) as { evaluationId: string | null };
    expect(commitments.evaluationId).toBeNull();
    const lines = (await (await service.call(`/api/contracts/${contract.id}/social-value`, { token: people.admin })).json()) as { committed: number };
    expect(lines.committed).toBe(400);
  });
});

describe("entering commitments and awarding the same contract at the same moment", () => {
  it("never both go ahead: each contract ends with the award's commitments or the entered ones, not both", async () => {
    const { version } = await publishTestCatalogue(service, people.admin);
    const supplierId = await addSupplier(service, people.admin, "Beta Ltd");
    const races = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const contract = await addContract(service, people.admin, { supplierId, ...term });
        const evaluation = await service.call("/api/evaluations", { method: "POST", token: people.evaluator, body: tenderSubmission(version, { reference: `CCC-T-${unique()}` }) });
        const { id: evaluationId } = (await evaluation.json()) as { id: string };
        const [entered, award] = await Promise.all([
          service.call(`/api/contracts/${contract.id}/commitments`, { method: "POST", token: people.admin, body: { commitments: [{ measure: "T-1", quantity: 4, catalogueVersion: version }] } }),
          service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: people.evaluator, body: { bidder: "Beta Ltd", contractId: contract.id } }),
        ]);
        const kpis = await readKpis(service, people.admin, contract.id);
        return { entered: entered.status, award: award.status, enteredKpis: kpis.filter((k) => k.commitment?.source === "entered").length, awardedKpis: kpis.filter((k) => k.commitment?.source === "award").length };
      }),
    );
    for (const race of races) {
      expect([race.entered === 201, race.award === 200]).not.toEqual([true, true]);
      expect(race.enteredKpis > 0 && race.awardedKpis > 0).toBe(false);
      expect(race.enteredKpis > 0 || race.awardedKpis > 0).toBe(true);
    }
  });
});

describe("a contract's term", () => {
  it("cannot change so as to leave out a period with updates recorded; a change that keeps them is made", async () => {
    const supplierId = await addSupplier(service, people.admin);
    const contract = await addContract(service, people.admin, { supplierId, ...term });
    const kpi = await addKpi(service, people.admin, contract.id, { reporter: "manager", frequency: "monthly" });
    await sendUpdate(service, people.admin, contract.id, kpi.id, month(-6), 7);
    const read = await service.call(`/api/contracts/${contract.id}`, { token: people.admin });
    const etag = read.headers.get("etag") ?? "";
    const later = await service.call(`/api/contracts/${contract.id}`, { method: "PATCH", token: people.admin, body: { startDate: monthStart(month(-3)) }, headers: { "if-match": etag } });
    expect(later.status).toBe(422);
    expect(await fieldsOf(later)).toEqual(["startDate"]);
    expect(((await (await service.call(`/api/contracts/${contract.id}`, { token: people.admin })).json()) as { startDate: string }).startDate).toBe(term.startDate);
    const kept = await service.call(`/api/contracts/${contract.id}`, { method: "PATCH", token: people.admin, body: { startDate: monthStart(month(-6)) }, headers: { "if-match": etag } });
    expect(kept.status).toBe(200);
  });
});

describe("withdrawing an award once delivery is reported", () => {
  const withdraw = async (contractId: string) => {
    const contract = (await (await service.call(`/api/contracts/${contractId}`, { token: people.admin })).json()) as { award: { evaluationId: string } | null };
    if (!contract.award) throw new Error("not awarded");
    return service.call(`/api/evaluations/${contract.award.evaluationId}/award/withdrawal`, { method: "POST", token: people.admin, body: { reason: "Awarded to the wrong contract" } });
  };

  it("is allowed while only the contract's own KPIs have updates: they stay with the contract", async () => {
    const contract = await awardedContract(service, people, term);
    const kpi = await addKpi(service, people.admin, contract.id, { reporter: "manager" });
    await sendUpdate(service, people.admin, contract.id, kpi.id, month(-1), 4);
    expect((await withdraw(contract.id)).status).toBe(201);
    expect((await readUpdates(service, people.admin, contract.id, kpi.id)).map((u) => u.value)).toEqual([4]);
  });

  it("is refused once a commitment of the award has an update", async () => {
    const contract = await awardedContract(service, people, term);
    const commitment = (await readKpis(service, people.admin, contract.id)).find((k) => k.kind === "social-value");
    if (!commitment) throw new Error("no commitment tracked");
    const quarter = commitment.periods.find((p) => p.startDate <= today)?.period ?? "";
    await sendUpdate(service, people.admin, contract.id, commitment.id, quarter, 1);
    const refused = await withdraw(contract.id);
    expect(refused.status).toBe(409);
    expect(((await readKpis(service, people.admin, contract.id)).filter((k) => k.kind === "social-value")).length).toBeGreaterThan(0);
  });
});
