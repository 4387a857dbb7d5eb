// What each role sees of contract delivery when it is let in: only the contracts in its scope, in
// the dashboards, the list of who owes what and the annual report; and that a supplier may not
// report a KPI the manager reports. Who is let in at all, route by route, is the authorisation
// matrix's (tests/security/authorisation/matrix.test.ts, docs/authorisation.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OwedUpdate, PortfolioDashboard, SocialValueLine, SupplierScorecard } from "@toms/domain";
import { publishTestCatalogue } from "../support/award-fixtures.js";
import {
  addContract,
  addKpi,
  addSupplier,
  deliveryPeople,
  monthAfter,
  monthEnd,
  monthStart,
  PEOPLE,
  postUpdate,
  readUpdates,
  supplierContact,
  todayUk,
  type ContractMade,
  type KpiView,
  type People,
} from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

type Who = "admin" | "evaluator" | "manager" | "otherManager" | "supplier" | "otherSupplier" | "edi";
const EVERYONE: Who[] = ["admin", "evaluator", "manager", "otherManager", "supplier", "otherSupplier", "edi"];

let service: TestService;
let people: People;
let tokens: Record<Who, string>;
let supplierA: string;
let supplierB: string;
/** The contract the role table is about: managed by the manager, with supplier A. */
let contract: ContractMade;
/** Another of the manager's contracts with supplier A; it carries entered social value commitments. */
let second: ContractMade;
/** The other manager's contract with supplier B. */
let others: ContractMade;
let managerKpi: KpiView;
let catalogueVersion: string;

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
const term = { startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) };

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  supplierA = await addSupplier(service, people.admin, "Alpha Street Services Ltd");
  supplierB = await addSupplier(service, people.admin, "Bravo Facilities Ltd");
  tokens = {
    ...people,
    supplier: await supplierContact(service, supplierA, "sally.alpha"),
    otherSupplier: await supplierContact(service, supplierB, "bob.bravo"),
  };
  contract = await addContract(service, people.admin, { supplierId: supplierA, ...term });
  second = await addContract(service, people.admin, { supplierId: supplierA, title: "Gully cleansing", ...term });
  others = await addContract(service, people.admin, { supplierId: supplierB, managerId: PEOPLE.otherManager, title: "School kitchens", ...term });
  managerKpi = await addKpi(service, people.manager, contract.id, { reporter: "manager", title: "Complaints upheld", direction: "lower", target: 5, tolerance: 1 });
  // Every contract has a KPI nobody has reported for two years: each has updates overdue.
  await addKpi(service, people.manager, second.id, { reporter: "supplier" });
  await addKpi(service, people.otherManager, others.id, { reporter: "supplier" });
  ({ version: catalogueVersion } = await publishTestCatalogue(service, people.admin));
  // The manager's second contract carries entered social value commitments: 4 FTE years at £100.
  const committed = await service.call(`/api/contracts/${second.id}/commitments`, { method: "POST", token: people.admin, body: { commitments: [{ measure: "T-1", quantity: 4, catalogueVersion }] } });
  expect(committed.status).toBe(201);
});
afterAll(() => service.close());

describe("updates", () => {
  it("a supplier posting to a KPI the manager reports is forbidden, and nothing is stored", async () => {
    const response = await postUpdate(service, tokens.supplier, contract.id, managerKpi.id, { period: month(-5), value: 1 });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/manager/i);
    expect(await readUpdates(service, people.admin, contract.id, managerKpi.id)).toEqual([]);
  });
});

describe("dashboards and reports", () => {
  it("dashboard/portfolio: each role counts only the contracts in its scope, and their social value", async () => {
    const portfolio = async (who: Who) => (await (await service.call("/api/dashboard/portfolio", { token: tokens[who] })).json()) as PortfolioDashboard;
    const counted = Object.fromEntries(await Promise.all(EVERYONE.filter((w) => w !== "edi").map(async (w) => [w, (await portfolio(w)).contracts])));
    expect(counted).toEqual({ admin: 3, evaluator: 3, manager: 2, otherManager: 1, supplier: 2, otherSupplier: 1 });
    // Only the manager's second contract carries commitments: 4 FTE years at £100.
    expect((await portfolio("manager")).socialValue.committed).toBe(400);
    expect((await portfolio("supplier")).socialValue.committed).toBe(400);
    expect((await portfolio("otherManager")).socialValue.committed).toBe(0);
    expect((await portfolio("otherSupplier")).socialValue.committed).toBe(0);
  });

  it("dashboard/overdue: each role lists only its own contracts", async () => {
    const owed = async (who: Who) => new Set(((await (await service.call("/api/dashboard/overdue", { token: tokens[who] })).json()) as { items: OwedUpdate[] }).items.map((i) => i.contractId));
    expect(await owed("admin")).toEqual(new Set([contract.id, second.id, others.id]));
    expect(await owed("manager")).toEqual(new Set([contract.id, second.id]));
    expect(await owed("supplier")).toEqual(new Set([contract.id, second.id]));
    expect(await owed("otherManager")).toEqual(new Set([others.id]));
    expect(await owed("otherSupplier")).toEqual(new Set([others.id]));
  });

  it("dashboard/suppliers/:id: the supplier's own contacts see its contracts; a manager with none of them sees none", async () => {
    const card = (await (await service.call(`/api/dashboard/suppliers/${supplierA}`, { token: tokens.supplier })).json()) as SupplierScorecard;
    expect(card.byContract.map((c) => c.contractId).sort()).toEqual([contract.id, second.id].sort());
    // The other manager has no contract with supplier A: nothing of it to show.
    expect(((await (await service.call(`/api/dashboard/suppliers/${supplierA}`, { token: tokens.otherManager })).json()) as SupplierScorecard).contracts).toBe(0);
  });

  it("reports/social-value: a manager's report holds only their contracts", async () => {
    const lines = async (who: Who) => ((await (await service.call(`/api/reports/social-value?year=${Number(today.slice(0, 4)) - 1}&yearType=calendar`, { token: tokens[who] })).json()) as { lines: SocialValueLine[] }).lines;
    expect((await lines("admin")).length).toBeGreaterThan(0);
    expect(new Set((await lines("manager")).map((l) => l.contractId))).toEqual(new Set([second.id]));
    expect(await lines("otherManager")).toEqual([]);
  });
});
