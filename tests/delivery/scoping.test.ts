// Who may do what on every contract delivery route, per role: a procurement officer (admin), an
// evaluator, the contract's manager, another manager, the contract's supplier contact, another
// supplier's contact and an EDI analyst. Out of scope reads as not found; refusals store nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KpiUpdate, OwedUpdate, PortfolioDashboard, SocialValueLine, SupplierScorecard } from "@toms/domain";
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
  postReview,
  postUpdate,
  readKpi,
  readUpdates,
  sendUpdate,
  supplierContact,
  todayUk,
  type AssessmentView,
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
let supplierKpi: KpiView;
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
  supplierKpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier", title: "Streets swept on schedule" });
  managerKpi = await addKpi(service, people.manager, contract.id, { reporter: "manager", title: "Complaints upheld", direction: "lower", target: 5, tolerance: 1 });
  // Every contract has a KPI nobody has reported for two years: each has updates overdue.
  await addKpi(service, people.manager, second.id, { reporter: "supplier" });
  await addKpi(service, people.otherManager, others.id, { reporter: "supplier" });
  ({ version: catalogueVersion } = await publishTestCatalogue(service, people.admin));
});
afterAll(() => service.close());

/** Calls the route as each role in turn (in order, so that refusals come before the successes listed last). */
async function statuses(roles: Who[], call: (token: string, who: Who) => Promise<Response>): Promise<Partial<Record<Who, number>>> {
  const answers: Partial<Record<Who, number>> = {};
  for (const who of roles) answers[who] = (await call(tokens[who], who)).status;
  return answers;
}

/** Readers of a contract: everyone who can see it; the rest read it as not found. */
const READ = { admin: 200, evaluator: 200, manager: 200, otherManager: 404, supplier: 200, otherSupplier: 404, edi: 404 };
/** The council's people who manage the contract; the evaluator and the supplier see it but may not. */
const manage = (ok: number) => ({ evaluator: 403, otherManager: 404, supplier: 403, otherSupplier: 404, edi: 404, admin: ok, manager: ok });
const REFUSED: Who[] = ["evaluator", "otherManager", "supplier", "otherSupplier", "edi"];

const path = (suffix = "") => `/api/contracts/${contract.id}${suffix}`;

describe("KPIs", () => {
  it("GET kpis: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path("/kpis"), { token }))).toEqual(READ);
  });

  it("POST kpis: the admin and the contract's manager", async () => {
    const body = { title: "Litter bins emptied", unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "supplier" };
    expect(await statuses([...REFUSED, "admin", "manager"], (token) => service.call(path("/kpis"), { method: "POST", token, body }))).toEqual(manage(201));
    const titles = (await (await service.call(path("/kpis"), { token: people.admin })).json()) as { items: KpiView[] };
    expect(titles.items.filter((k) => k.title === "Litter bins emptied")).toHaveLength(2);
  });

  it("PATCH a KPI: the admin and the contract's manager; another manager's edit is not found and changes nothing", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { title: "Weeds treated" });
    const refusals = await statuses(REFUSED, (token, who) => service.call(path(`/kpis/${kpi.id}`), { method: "PATCH", token, body: { title: `Renamed by ${who}` }, headers: { "if-match": kpi.etag } }));
    expect((await readKpi(service, people.admin, contract.id, kpi.id)).title).toBe("Weeds treated");
    const successes = await statuses(["admin", "manager"], async (token, who) => {
      const current = await readKpi(service, people.admin, contract.id, kpi.id);
      return service.call(path(`/kpis/${kpi.id}`), { method: "PATCH", token, body: { title: `Renamed by ${who}` }, headers: { "if-match": current.etag } });
    });
    expect({ ...refusals, ...successes }).toEqual(manage(200));
    expect((await readKpi(service, people.admin, contract.id, kpi.id)).title).toBe("Renamed by manager");
  });

  it("POST kpis/from-template: the admin and the contract's manager", async () => {
    const made = await service.call("/api/kpi-templates", {
      method: "POST",
      token: people.admin,
      body: { name: "Street cleansing basics", sector: "waste", description: "Two KPIs.", kpis: [{ title: "Streets at grade A", unit: "%", target: 90, direction: "higher", frequency: "monthly", reporter: "supplier" }, { title: "Fly-tips cleared in 24 hours", unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "supplier" }] },
    });
    expect(made.status).toBe(201);
    const { id: templateId } = (await made.json()) as { id: string };
    // Each success on its own contract of the manager's: applying a template again need not add its KPIs twice.
    const target: Partial<Record<Who, string>> = { manager: second.id };
    const answers = await statuses([...REFUSED, "admin", "manager"], (token, who) => service.call(`/api/contracts/${target[who] ?? contract.id}/kpis/from-template`, { method: "POST", token, body: { templateId } }));
    expect(answers).toEqual(manage(201));
    for (const contractId of [contract.id, second.id]) {
      const stored = ((await (await service.call(`/api/contracts/${contractId}/kpis`, { token: people.admin })).json()) as { items: KpiView[] }).items;
      expect(stored.filter((k) => k.templateId === templateId).map((k) => k.title).sort()).toEqual(["Fly-tips cleared in 24 hours", "Streets at grade A"]);
    }
  });

  it("KPI templates: the council's staff read them; only an admin adds one", async () => {
    expect(await statuses(["admin", "evaluator", "manager"], (token) => service.call("/api/kpi-templates", { token }))).toEqual({ admin: 200, evaluator: 200, manager: 200 });
    const body = { name: "ICT service desk", sector: "ict", kpis: [{ title: "Calls answered in 60 seconds", unit: "%", target: 90, direction: "higher", frequency: "monthly", reporter: "supplier" }] };
    expect(await statuses(["evaluator", "manager", "supplier", "edi", "admin"], (token) => service.call("/api/kpi-templates", { method: "POST", token, body }))).toEqual({ evaluator: 403, manager: 403, supplier: 403, edi: 403, admin: 201 });
  });
});

describe("updates and reviews", () => {
  it("POST updates: the contract's supplier contact, the manager and the admin; nothing stored for the refused", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    const periods: Record<Who, string> = { evaluator: month(-1), otherManager: month(-1), otherSupplier: month(-1), edi: month(-1), admin: month(-2), manager: month(-3), supplier: month(-4) };
    const answers = await statuses(["evaluator", "otherManager", "otherSupplier", "edi", "admin", "manager", "supplier"], (token, who) => postUpdate(service, token, contract.id, kpi.id, { period: periods[who], value: 77 }));
    expect(answers).toEqual({ evaluator: 403, otherManager: 404, otherSupplier: 404, edi: 404, admin: 201, manager: 201, supplier: 201 });
    const stored = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(stored.map((u) => [u.period, u.submittedBy])).toEqual([
      [month(-4), "sally.alpha"],
      [month(-3), PEOPLE.manager],
      [month(-2), PEOPLE.admin],
    ]);
  });

  it("another supplier posting to this contract's KPI is answered not found, and nothing is stored", async () => {
    const response = await postUpdate(service, tokens.otherSupplier, contract.id, supplierKpi.id, { period: month(-5), value: 99 });
    expect(response.status).toBe(404);
    expect(JSON.stringify(await response.json())).not.toContain(contract.reference);
    expect(await readUpdates(service, people.admin, contract.id, supplierKpi.id)).toEqual([]);
  });

  it("a supplier posting to a KPI the manager reports is forbidden, and nothing is stored", async () => {
    const response = await postUpdate(service, tokens.supplier, contract.id, managerKpi.id, { period: month(-5), value: 1 });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/manager/i);
    expect(await readUpdates(service, people.admin, contract.id, managerKpi.id)).toEqual([]);
  });

  it("GET updates: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path(`/kpis/${supplierKpi.id}/updates`), { token }))).toEqual(READ);
  });

  it("POST review: the admin and the contract's manager; the supplier may not review, nor may anyone out of scope", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    const first = await sendUpdate(service, tokens.supplier, contract.id, kpi.id, month(-1), 90);
    const secondUpdate = await sendUpdate(service, tokens.supplier, contract.id, kpi.id, month(-2), 91);
    const refusals = await statuses(REFUSED, (token) => postReview(service, token, contract.id, kpi.id, first.id, { decision: "approve" }));
    const stillPending = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(stillPending.map((u) => [u.id, u.status, u.review])).toEqual([
      [secondUpdate.id, "pending", undefined],
      [first.id, "pending", undefined],
    ]);
    const admin = await postReview(service, people.admin, contract.id, kpi.id, first.id, { decision: "approve" });
    const manager = await postReview(service, people.manager, contract.id, kpi.id, secondUpdate.id, { decision: "reject", reason: "Wrong month." });
    expect({ ...refusals, admin: admin.status, manager: manager.status }).toEqual(manage(200));
    const reviewed = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(reviewed.map((u: KpiUpdate) => [u.id, u.status, u.review?.reviewedBy])).toEqual([
      [secondUpdate.id, "rejected", PEOPLE.manager],
      [first.id, "accepted", PEOPLE.admin],
    ]);
  });
});

describe("social value", () => {
  it("POST commitments: an admin only; the manager and the supplier may not; they then read as social value KPIs", async () => {
    const body = { commitments: [{ measure: "T-1", quantity: 4, catalogueVersion }] };
    const answers = await statuses(["evaluator", "manager", "otherManager", "supplier", "otherSupplier", "edi", "admin"], (token) => service.call(`/api/contracts/${second.id}/commitments`, { method: "POST", token, body }));
    const { otherManager, otherSupplier, edi, ...inScope } = answers;
    expect(inScope).toEqual({ evaluator: 403, manager: 403, supplier: 403, admin: 201 });
    // A refusal by role alone, whatever the contract, tells those out of scope nothing either.
    for (const [who, status] of Object.entries({ otherManager, otherSupplier, edi })) expect([403, 404], who).toContain(status);
    const kpis = ((await (await service.call(`/api/contracts/${second.id}/kpis`, { token: people.manager })).json()) as { items: KpiView[] }).items;
    expect(kpis.filter((k) => k.kind === "social-value").map((k) => [k.commitment?.measure, k.commitment?.committedQuantity, k.commitment?.committedValue, k.commitment?.source, k.reporter])).toEqual([["T-1", 4, 400, "entered", "supplier"]]);
  });

  it("GET social-value: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path("/social-value"), { token }))).toEqual(READ);
  });
});

describe("assessments and notices", () => {
  const range = { from: monthStart(month(-13)), to: monthEnd(month(-2)), kind: "annual" };
  const draft = async () => {
    const response = await service.call(path("/assessments"), { method: "POST", token: people.manager, body: range });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  let confirmedByAdmin: string;
  let confirmedByManager: string;

  it("POST assessments: the admin and the contract's manager", async () => {
    expect(await statuses([...REFUSED, "admin", "manager"], (token) => service.call(path("/assessments"), { method: "POST", token, body: range }))).toEqual(manage(201));
  });

  it("GET assessments: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path("/assessments"), { token }))).toEqual(READ);
  });

  it("POST confirm: the admin and the contract's manager; refusals leave the draft a draft", async () => {
    const one = await draft();
    const two = await draft();
    const refusals = await statuses(REFUSED, (token) => service.call(path(`/assessments/${one}/confirm`), { method: "POST", token, body: {} }));
    const stored = (await (await service.call(path("/assessments"), { token: people.admin })).json()) as { items: AssessmentView[] };
    expect(stored.items.find((a) => a.id === one)?.status).toBe("draft");
    const admin = await service.call(path(`/assessments/${one}/confirm`), { method: "POST", token: people.admin, body: {} });
    const manager = await service.call(path(`/assessments/${two}/confirm`), { method: "POST", token: people.manager, body: {} });
    expect({ ...refusals, admin: admin.status, manager: manager.status }).toEqual(manage(200));
    confirmedByAdmin = one;
    confirmedByManager = two;
  });

  it("POST notice (marking the UK9 published): the admin and the contract's manager", async () => {
    const refusals = await statuses(REFUSED, (token) => service.call(path(`/assessments/${confirmedByAdmin}/notice`), { method: "POST", token, body: { url: "https://www.find-tender.service.gov.uk/Notice/000001-2026" } }));
    const admin = await service.call(path(`/assessments/${confirmedByAdmin}/notice`), { method: "POST", token: people.admin, body: {} });
    const manager = await service.call(path(`/assessments/${confirmedByManager}/notice`), { method: "POST", token: people.manager, body: {} });
    expect({ ...refusals, admin: admin.status, manager: manager.status }).toEqual(manage(201));
  });

  it("GET performance-notice: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path(`/performance-notice?assessmentId=${confirmedByAdmin}`), { token }))).toEqual(READ);
  });

  it("GET the contract with its compliance findings: readers of the contract", async () => {
    expect(await statuses(EVERYONE, (token) => service.call(path(), { token }))).toEqual(READ);
    const seen = (await (await service.call(path(), { token: tokens.supplier })).json()) as { compliance: unknown[] };
    expect(Array.isArray(seen.compliance)).toBe(true);
  });
});

describe("dashboards and reports", () => {
  it("GET dashboard/contracts/:id: readers of the contract; the EDI analyst has no dashboards", async () => {
    const answers = await statuses(EVERYONE, (token) => service.call(`/api/dashboard/contracts/${contract.id}`, { token }));
    const { edi, ...rest } = answers;
    const { edi: _edi, ...readers } = READ;
    expect(rest).toEqual(readers);
    expect([403, 404]).toContain(edi);
  });

  it("GET dashboard/portfolio: every role but the EDI analyst, each counting only the contracts in its scope", async () => {
    expect(await statuses(EVERYONE, (token) => service.call("/api/dashboard/portfolio", { token }))).toEqual({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 403 });
    const portfolio = async (who: Who) => (await (await service.call("/api/dashboard/portfolio", { token: tokens[who] })).json()) as PortfolioDashboard;
    const counted = Object.fromEntries(await Promise.all(EVERYONE.filter((w) => w !== "edi").map(async (w) => [w, (await portfolio(w)).contracts])));
    expect(counted).toEqual({ admin: 3, evaluator: 3, manager: 2, otherManager: 1, supplier: 2, otherSupplier: 1 });
    // Only the manager's second contract carries commitments: 4 FTE years at £100.
    expect((await portfolio("manager")).socialValue.committed).toBe(400);
    expect((await portfolio("supplier")).socialValue.committed).toBe(400);
    expect((await portfolio("otherManager")).socialValue.committed).toBe(0);
    expect((await portfolio("otherSupplier")).socialValue.committed).toBe(0);
  });

  it("GET dashboard/overdue: every role but the EDI analyst, each listing only its own contracts", async () => {
    expect(await statuses(EVERYONE, (token) => service.call("/api/dashboard/overdue", { token }))).toEqual({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 403 });
    const owed = async (who: Who) => new Set(((await (await service.call("/api/dashboard/overdue", { token: tokens[who] })).json()) as { items: OwedUpdate[] }).items.map((i) => i.contractId));
    expect(await owed("admin")).toEqual(new Set([contract.id, second.id, others.id]));
    expect(await owed("manager")).toEqual(new Set([contract.id, second.id]));
    expect(await owed("supplier")).toEqual(new Set([contract.id, second.id]));
    expect(await owed("otherManager")).toEqual(new Set([others.id]));
    expect(await owed("otherSupplier")).toEqual(new Set([others.id]));
  });

  it("GET dashboard/suppliers/:id: the council's staff and the supplier's own contacts; another supplier reads it as not found", async () => {
    const answers = await statuses(EVERYONE, (token) => service.call(`/api/dashboard/suppliers/${supplierA}`, { token }));
    const { otherManager, ...rest } = answers;
    expect(rest).toEqual({ admin: 200, evaluator: 200, manager: 200, supplier: 200, otherSupplier: 404, edi: 403 });
    // The other manager has no contract with supplier A: nothing of it to show.
    if (otherManager === 200) expect(((await (await service.call(`/api/dashboard/suppliers/${supplierA}`, { token: tokens.otherManager })).json()) as SupplierScorecard).contracts).toBe(0);
    else expect(otherManager).toBe(404);
    const card = (await (await service.call(`/api/dashboard/suppliers/${supplierA}`, { token: tokens.supplier })).json()) as SupplierScorecard;
    expect(card.byContract.map((c) => c.contractId).sort()).toEqual([contract.id, second.id].sort());
    expect((await service.call(`/api/dashboard/suppliers/${supplierB}`, { token: tokens.supplier })).status).toBe(404);
  });

  it("GET reports/social-value: the council's staff; suppliers and the EDI analyst are forbidden; a manager's report holds only their contracts", async () => {
    for (const format of ["json", "csv", "xlsx"]) {
      expect(await statuses(EVERYONE, (token) => service.call(`/api/reports/social-value?format=${format}`, { token })), format).toEqual({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 403, otherSupplier: 403, edi: 403 });
    }
    const lines = async (who: Who) => ((await (await service.call(`/api/reports/social-value?year=${Number(today.slice(0, 4)) - 1}&yearType=calendar`, { token: tokens[who] })).json()) as { lines: SocialValueLine[] }).lines;
    expect((await lines("admin")).length).toBeGreaterThan(0);
    expect(new Set((await lines("manager")).map((l) => l.contractId))).toEqual(new Set([second.id]));
    expect(await lines("otherManager")).toEqual([]);
  });

  it("service areas: everyone on the council's staff reads them; only an admin adds one", async () => {
    expect(await statuses(["admin", "evaluator", "manager"], (token) => service.call("/api/service-areas", { token }))).toEqual({ admin: 200, evaluator: 200, manager: 200 });
    const listed = (await (await service.call("/api/service-areas", { token: people.manager })).json()) as { items: string[] };
    expect(listed.items).toContain("Streetscene and Regulatory Services");
    expect(await statuses(["evaluator", "manager", "supplier", "edi", "admin"], (token) => service.call("/api/service-areas", { method: "POST", token, body: { name: `Test Directorate ${crypto.randomUUID().slice(0, 6)}` } }))).toEqual({ evaluator: 403, manager: 403, supplier: 403, edi: 403, admin: 201 });
  });

  it("every new route needs a signed-in caller", async () => {
    const routes: [string, string][] = [
      ["GET", path("/kpis")],
      ["POST", path("/kpis")],
      ["PATCH", path(`/kpis/${supplierKpi.id}`)],
      ["POST", path("/kpis/from-template")],
      ["GET", "/api/kpi-templates"],
      ["POST", "/api/kpi-templates"],
      ["POST", path(`/kpis/${supplierKpi.id}/updates`)],
      ["GET", path(`/kpis/${supplierKpi.id}/updates`)],
      ["GET", path("/social-value")],
      ["POST", path("/commitments")],
      ["POST", path("/assessments")],
      ["GET", path("/assessments")],
      ["GET", path("/performance-notice?assessmentId=x")],
      ["GET", "/api/dashboard/portfolio"],
      ["GET", `/api/dashboard/contracts/${contract.id}`],
      ["GET", `/api/dashboard/suppliers/${supplierA}`],
      ["GET", "/api/dashboard/overdue"],
      ["GET", "/api/reports/social-value"],
      ["GET", "/api/service-areas"],
      ["POST", "/api/service-areas"],
    ];
    for (const [method, route] of routes) {
      const response = await service.call(route, { method, ...(method === "GET" ? {} : { body: {} }) });
      expect(response.status, `${method} ${route}`).toBe(401);
    }
  });
});
