// The request behind each row of the matrix: what each caller sends to the route, about this
// contract or supplier; where two callers may both write, each writes its own record (its own
// KPI, update, draft, evaluation), so that neither answer depends on which came first. `stored`
// reads back, as an admin or EDI analyst, what an allowed write said it stored.
import { expect } from "vitest";
import { createAppDeps, issueUpdateLink } from "@toms/app";
import { tenderSubmission } from "../../support/award-fixtures.js";
import { PEOPLE, unique } from "../../support/delivery-fixtures.js";
import { answersOf, daysFromNow, guessedToken } from "../../support/diversity.js";
import type { TestService } from "../../support/service.js";
import { ASSESSED, month, PAST, TO_CLOSE, TO_OPEN, YEAR, type Fixture } from "./fixtures.js";
import type { Caller } from "./matrix.js";

export interface Call {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Plan {
  call(caller: Caller, fx: Fixture, service: TestService): Call | Promise<Call>;
  /** Allowed callers that must wait for the others' writes (later stages run after earlier ones). */
  stage?: Partial<Record<Caller, number>>;
  /** For a caller let in: what must be stored (or answered) afterwards. */
  stored?(caller: Caller, response: Response, fx: Fixture, service: TestService): Promise<void>;
}

const PURPOSE = "purpose=Check+who+may+read+the+answers";

/** The current ETag of a supplier or contract, or of a KPI (from its contract's list), as If-Match needs it. */
async function etagOf(service: TestService, fx: Fixture, path: string): Promise<string> {
  const [owner, kpiId] = path.split("/kpis/") as [string, string | undefined];
  if (kpiId === undefined) return (await service.call(path, { token: fx.tokens.admin })).headers.get("etag") ?? "";
  const { items } = (await (await service.call(`${owner}/kpis`, { token: fx.tokens.admin })).json()) as { items: { id: string; etag: string }[] };
  return items.find((k) => k.id === kpiId)?.etag ?? "";
}

const read = async <T>(service: TestService, token: string | undefined, path: string): Promise<T> => {
  const response = await service.call(path, token ? { token } : {});
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
};

const contractPath = (fx: Fixture, suffix = "") => `/api/contracts/${fx.contract.id}${suffix}`;
/** The KPI a caller changes: the admin one of its own, everyone else the manager's. */
const kpiFor = (caller: Caller, fx: Fixture) => (caller === "admin" ? fx.adminKpi : fx.supplierKpi);
const pick = <T>(caller: Caller, mine: { admin: T; manager: T }): T => (caller === "admin" ? mine.admin : mine.manager);
/** Each caller reporting its own month, so that three allowed reports are three updates. */
const REPORTED: Partial<Record<Caller, number>> = { admin: -2, manager: -3, supplier: -4 };

const links = new WeakMap<Fixture, string>();
/** One update link of the fixture's contract for its supplier's contact, issued as the bot would (the contract owes the supplier's months). */
async function fixtureLink(service: TestService, fx: Fixture): Promise<string> {
  const known = links.get(fx);
  if (known) return known;
  const deps = createAppDeps(service.storage, { moneyLabel: "£", delivery: { dueDays: 14 }, updateLinks: { publicUrl: service.url, days: 30 } });
  const [contact] = await service.storage.suppliers.listContacts(fx.contract.supplierId);
  const issued = await issueUpdateLink(deps, { contractId: fx.contract.id, contactId: contact?.id ?? "" });
  if (!issued.ok) throw new Error(`The fixture's update link: ${issued.message}`);
  links.set(fx, issued.value.record.id);
  return issued.value.record.id;
}

export const PLANS: Record<string, Plan> = {
  "GET /healthz": { call: () => ({ path: "/healthz" }) },
  "GET /docs": { call: () => ({ path: "/docs/" }) },
  "GET /docs/:name": { call: () => ({ path: "/docs/security.md" }) },
  "GET /": { call: () => ({ path: "/" }) },
  "GET /auth/config": { call: () => ({ path: "/auth/config" }) },

  "GET /api/me": {
    call: () => ({ path: "/api/me" }),
    stored: async (caller, response) => {
      const me = (await response.json()) as { roles: string[] };
      if (caller === "noRole") expect(me.roles).toEqual([]);
    },
  },

  "POST /api/suppliers": {
    call: () => ({ path: "/api/suppliers", method: "POST", body: { name: `Matrix Added ${unique()} Ltd`, postcode: "CV3 1FP", employees: 9, turnover: 1e6, balanceSheet: 4e5 } }),
    stored: async (_caller, response, fx, service) => {
      const location = response.headers.get("location") ?? "";
      expect((await read<{ name: string }>(service, fx.tokens.admin, location)).name).toMatch(/^Matrix Added/);
    },
  },
  "GET /api/suppliers": {
    call: () => ({ path: "/api/suppliers" }),
    stored: async (caller, response, fx) => {
      const { items } = (await response.json()) as { items: { id: string }[] };
      if (caller === "supplier" || caller === "otherSupplier") expect(items.map((s) => s.id)).toEqual([(caller === "supplier" ? fx.supplier : fx.otherSupplier).id]);
    },
  },
  "GET /api/suppliers/:id": { call: (_c, fx) => ({ path: `/api/suppliers/${fx.supplier.id}` }) },
  "PATCH /api/suppliers/:id": {
    call: async (_c, fx, service) => ({ path: `/api/suppliers/${fx.supplier.id}`, method: "PATCH", body: { employees: 8 }, headers: { "if-match": await etagOf(service, fx, `/api/suppliers/${fx.supplier.id}`) } }),
    stored: async (_c, _r, fx, service) => expect((await read<{ employees: number }>(service, fx.tokens.admin, `/api/suppliers/${fx.supplier.id}`)).employees).toBe(8),
  },
  "POST /api/suppliers/:id/contacts": {
    call: (_c, fx) => ({ path: `/api/suppliers/${fx.supplier.id}/contacts`, method: "POST", body: { email: "second.contact@matrix-test.example", name: "Second Contact" } }),
    stored: async (_c, _r, fx, service) => {
      const { items } = await read<{ items: { email: string }[] }>(service, fx.tokens.admin, `/api/suppliers/${fx.supplier.id}/contacts`);
      expect(items.map((c) => c.email)).toContain("second.contact@matrix-test.example");
    },
  },
  "GET /api/suppliers/:id/contacts": { call: (_c, fx) => ({ path: `/api/suppliers/${fx.supplier.id}/contacts` }) },
  "PUT /api/suppliers/:id/contacts/:contactId/channel": {
    call: async (caller, fx, service) => {
      const { items } = await read<{ items: { id: string; email: string }[] }>(service, fx.tokens.admin, `/api/suppliers/${fx.supplier.id}/contacts`);
      const contact = items.find((c) => c.email === fx.supplier.contactEmail) ?? items[0];
      // The admin chooses e-mail, then this contract's manager automatic: the last word is the manager's.
      return { path: `/api/suppliers/${fx.supplier.id}/contacts/${contact?.id ?? "none"}/channel`, method: "PUT", body: { channel: caller === "admin" ? "email" : "automatic" } };
    },
    stage: { manager: 2 },
    stored: async (caller, response) => expect(((await response.json()) as { channel?: string }).channel).toBe(caller === "admin" ? "email" : undefined),
  },

  "POST /api/contracts": {
    call: (_c, fx) => ({ path: "/api/contracts", method: "POST", body: { reference: `CCC-M-${unique()}`, title: "Matrix grounds care", category: "services", value: 2000, managerId: "tom.brennan", serviceArea: "Streetscene and Regulatory Services", supplierId: fx.supplier.id, startDate: "2026-01-01", endDate: "2027-12-31" } }),
    stored: async (_c, response, fx, service) => expect((await read<{ title: string }>(service, fx.tokens.admin, response.headers.get("location") ?? "")).title).toBe("Matrix grounds care"),
  },
  "GET /api/contracts": {
    call: () => ({ path: "/api/contracts" }),
    stored: async (caller, response, fx) => {
      const ids = ((await response.json()) as { items: { id: string }[] }).items.map((c) => c.id);
      if (caller === "otherManager" || caller === "otherSupplier") expect(ids).toEqual([fx.others.id]);
      if (caller === "manager" || caller === "supplier") expect(ids).not.toContain(fx.others.id);
    },
  },
  "GET /api/contracts/:id": {
    call: (_c, fx) => ({ path: contractPath(fx) }),
    stored: async (_c, response, fx) => expect((await response.json()) as { id: string; compliance: unknown }).toMatchObject({ id: fx.contract.id, compliance: expect.any(Array) }),
  },
  "GET /api/contracts/:id/commitments": {
    call: (_c, fx) => ({ path: contractPath(fx, "/commitments") }),
    // The supplier reads what it committed and its value, not the council's working (docs/security.md, "Roles and scope").
    stored: async (caller, response) => {
      const keys = Object.keys((await response.json()) as object).sort();
      if (caller === "supplier") expect(keys).toEqual(["awardedAt", "commitments", "contractId", "contractReference", "totalCommittedValue"]);
      else expect(keys.length).toBeGreaterThan(5);
    },
  },
  "PATCH /api/contracts/:id": {
    // The admin changes the manager's second contract; everyone else this one.
    call: async (caller, fx, service) => {
      const path = `/api/contracts/${caller === "admin" ? fx.second.id : fx.contract.id}`;
      return { path, method: "PATCH", body: { title: `Retitled by ${caller}` }, headers: { "if-match": await etagOf(service, fx, path) } };
    },
    stored: async (caller, _r, fx, service) => expect((await read<{ title: string }>(service, fx.tokens.admin, `/api/contracts/${caller === "admin" ? fx.second.id : fx.contract.id}`)).title).toBe(`Retitled by ${caller}`),
    // After the other writes on these contracts, so that the ETag read just before is still current.
    stage: { admin: 2, manager: 2 },
  },

  "GET /api/contracts/:id/kpis": { call: (_c, fx) => ({ path: contractPath(fx, "/kpis") }) },
  "POST /api/contracts/:id/kpis": {
    call: (caller, fx) => ({ path: contractPath(fx, "/kpis"), method: "POST", body: { title: `Added by ${caller}`, unit: "%", target: 95, direction: "higher", frequency: "monthly", reporter: "supplier" } }),
    stored: async (caller, _r, fx, service) => {
      const { items } = await read<{ items: { title: string }[] }>(service, fx.tokens.admin, contractPath(fx, "/kpis"));
      expect(items.map((k) => k.title)).toContain(`Added by ${caller}`);
    },
  },
  "POST /api/contracts/:id/kpis/from-template": {
    // Each on a contract of its own: a template applied twice to one contract need not add its KPIs twice.
    call: (caller, fx) => ({ path: `/api/contracts/${caller === "manager" ? fx.second.id : fx.contract.id}/kpis/from-template`, method: "POST", body: { templateId: fx.templateId } }),
    stored: async (caller, _r, fx, service) => {
      const { items } = await read<{ items: { templateId?: string; title: string }[] }>(service, fx.tokens.admin, `/api/contracts/${caller === "manager" ? fx.second.id : fx.contract.id}/kpis`);
      expect(items.filter((k) => k.templateId === fx.templateId).map((k) => k.title)).toEqual(["Streets at grade A"]);
    },
  },
  "PATCH /api/contracts/:id/kpis/:kpiId": {
    call: async (caller, fx, service) => {
      const path = contractPath(fx, `/kpis/${kpiFor(caller, fx).id}`);
      return { path, method: "PATCH", body: { title: `Renamed by ${caller}` }, headers: { "if-match": await etagOf(service, fx, path) } };
    },
    stored: async (caller, _r, fx, service) => {
      const { items } = await read<{ items: { id: string; title: string }[] }>(service, fx.tokens.admin, contractPath(fx, "/kpis"));
      expect(items.find((k) => k.id === kpiFor(caller, fx).id)?.title).toBe(`Renamed by ${caller}`);
    },
    // After the updates and reviews of these KPIs, so that the ETag read just before is still current.
    stage: { admin: 2, manager: 2 },
  },
  "GET /api/contracts/:id/update-links": { call: (_c, fx) => ({ path: contractPath(fx, "/update-links") }) },
  "POST /api/contracts/:id/update-links/:linkId/revoke": {
    call: async (_c, fx, service) => ({ path: contractPath(fx, `/update-links/${await fixtureLink(service, fx)}/revoke`), method: "POST" }),
    stored: async (_c, _r, fx, service) => {
      const { items } = await read<{ items: { id: string; state: string }[] }>(service, fx.tokens.admin, contractPath(fx, "/update-links"));
      expect(items.find((l) => l.id === links.get(fx))?.state).toBe("revoked");
    },
  },
  "GET /api/contracts/:id/kpis/:kpiId/updates": { call: (_c, fx) => ({ path: contractPath(fx, `/kpis/${fx.supplierKpi.id}/updates`) }) },
  "POST /api/contracts/:id/kpis/:kpiId/updates": {
    call: (caller, fx) => ({ path: contractPath(fx, `/kpis/${fx.supplierKpi.id}/updates`), method: "POST", body: { period: month(REPORTED[caller] ?? -5), value: 77 }, headers: { "idempotency-key": crypto.randomUUID() } }),
    stored: async (caller, _r, fx, service) => {
      const { items } = await read<{ items: { period: string; value: number; submittedBy: string }[] }>(service, fx.tokens.admin, contractPath(fx, `/kpis/${fx.supplierKpi.id}/updates`));
      const stored = items.find((u) => u.period === month(REPORTED[caller] ?? -5));
      expect([stored?.value, stored?.submittedBy]).toEqual([77, caller === "supplier" ? fx.supplier.contactEmail : PEOPLE[caller as "admin" | "manager"]]);
    },
  },
  "POST /api/contracts/:id/kpis/:kpiId/updates/:updateId/review": {
    call: (caller, fx) => ({ path: contractPath(fx, `/kpis/${fx.supplierKpi.id}/updates/${pick(caller, fx.pending)}/review`), method: "POST", body: { decision: "approve" } }),
    stored: async (caller, _r, fx, service) => {
      const { items } = await read<{ items: { id: string; status: string }[] }>(service, fx.tokens.admin, contractPath(fx, `/kpis/${fx.supplierKpi.id}/updates`));
      expect(items.find((u) => u.id === pick(caller, fx.pending))?.status).toBe("accepted");
    },
  },
  "POST /api/contracts/:id/reminders": {
    // Each its own contract: a reminder asked for twice in a day is stored once (200 the second time).
    call: (caller, fx) => (caller === "admin" ? { path: `/api/contracts/${fx.second.id}/reminders`, method: "POST", body: { kpiId: fx.secondKpi.id, period: month(-6), what: "update" } } : { path: contractPath(fx, "/reminders"), method: "POST", body: { kpiId: fx.supplierKpi.id, period: month(-6), what: "update" } }),
  },
  "POST /api/contracts/:id/commitments": {
    // The manager's second contract has no award, so commitments may be entered on it.
    call: (_c, fx) => ({ path: `/api/contracts/${fx.second.id}/commitments`, method: "POST", body: { commitments: [{ measure: "T-1", quantity: 4, catalogueVersion: fx.catalogueVersion }] } }),
    stored: async (_c, _r, fx, service) => {
      type Commitment = { measure: string; committedQuantity: number; committedValue: number; source: string };
      const { items } = await read<{ items: { kind?: string; reporter: string; commitment?: Commitment }[] }>(service, fx.tokens.manager, `/api/contracts/${fx.second.id}/kpis`);
      // 4 FTE years at the test catalogue's £100, for the supplier to report.
      expect(items.filter((k) => k.kind === "social-value").map((k) => [k.commitment?.measure, k.commitment?.committedQuantity, k.commitment?.committedValue, k.commitment?.source, k.reporter])).toEqual([["T-1", 4, 400, "entered", "supplier"]]);
    },
  },
  "GET /api/contracts/:id/social-value": { call: (_c, fx) => ({ path: contractPath(fx, "/social-value") }) },
  "GET /api/contracts/:id/assessments": { call: (_c, fx) => ({ path: contractPath(fx, "/assessments") }) },
  "POST /api/contracts/:id/assessments": { call: (_c, fx) => ({ path: contractPath(fx, "/assessments"), method: "POST", body: ASSESSED }) },
  "POST /api/contracts/:id/assessments/:assessmentId/confirm": {
    call: (caller, fx) => ({ path: contractPath(fx, `/assessments/${pick(caller, fx.drafts)}/confirm`), method: "POST", body: {} }),
    // Two confirmations of one period supersede one another: one after the other.
    stage: { manager: 2 },
  },
  "POST /api/contracts/:id/assessments/:assessmentId/notice": {
    call: (caller, fx) => ({ path: contractPath(fx, `/assessments/${pick(caller, fx.confirmed)}/notice`), method: "POST", body: {} }),
  },
  "GET /api/contracts/:id/performance-notice": { call: (_c, fx) => ({ path: contractPath(fx, `/performance-notice?assessmentId=${fx.confirmed.admin}`) }) },

  "GET /api/kpi-templates": { call: () => ({ path: "/api/kpi-templates" }) },
  "POST /api/kpi-templates": {
    call: () => ({ path: "/api/kpi-templates", method: "POST", body: { name: `Matrix ICT ${unique()}`, sector: "ict", kpis: [{ title: "Calls answered in 60 seconds", unit: "%", target: 90, direction: "higher", frequency: "monthly", reporter: "supplier" }] } }),
  },
  "GET /api/service-areas": { call: () => ({ path: "/api/service-areas" }) },
  "POST /api/service-areas": { call: () => ({ path: "/api/service-areas", method: "POST", body: { name: `Matrix Directorate ${unique()}` } }) },

  "GET /api/dashboard/portfolio": { call: () => ({ path: "/api/dashboard/portfolio" }) },
  "GET /api/dashboard/contracts/:id": { call: (_c, fx) => ({ path: `/api/dashboard/contracts/${fx.contract.id}` }) },
  "GET /api/dashboard/suppliers/:id": { call: (_c, fx) => ({ path: `/api/dashboard/suppliers/${fx.supplier.id}` }) },
  "GET /api/dashboard/overdue": { call: () => ({ path: "/api/dashboard/overdue" }) },
  "GET /api/reports/social-value": { call: () => ({ path: "/api/reports/social-value" }) },
  "GET /api/reports/social-value (as CSV)": { call: () => ({ path: "/api/reports/social-value?format=csv" }) },
  "GET /api/reports/social-value (as an Excel workbook)": { call: () => ({ path: "/api/reports/social-value?format=xlsx" }) },

  "POST /api/evaluations": {
    call: (_c, fx) => ({ path: "/api/evaluations", method: "POST", body: tenderSubmission(fx.catalogueVersion, { reference: `CCC-T-${unique()}` }) }),
    stored: async (_c, response, fx, service) => void (await read(service, fx.tokens.evaluator, response.headers.get("location") ?? "")),
  },
  "GET /api/evaluations": { call: () => ({ path: "/api/evaluations" }) },
  "GET /api/evaluations/:id": { call: (_c, fx) => ({ path: `/api/evaluations/${fx.awarded}` }) },
  "POST /api/evaluations/:id/award": {
    call: (caller, fx) => {
      const target = caller === "evaluator" ? fx.toAward.evaluator : fx.toAward.admin;
      return { path: `/api/evaluations/${target.evaluationId}/award`, method: "POST", body: { bidder: "Beta Ltd", contractId: target.contractId } };
    },
    stored: async (caller, _r, fx, service) => {
      const target = caller === "evaluator" ? fx.toAward.evaluator : fx.toAward.admin;
      expect((await read<{ award?: { contractId: string } }>(service, fx.tokens.admin, `/api/evaluations/${target.evaluationId}`)).award?.contractId).toBe(target.contractId);
    },
  },
  "POST /api/evaluations/:id/award/withdrawal": {
    call: (_c, fx) => ({ path: `/api/evaluations/${fx.toWithdraw}/award/withdrawal`, method: "POST", body: { reason: "Awarded to the wrong contract." } }),
    stored: async (_c, _r, fx, service) => {
      const { items } = await read<{ items: unknown[] }>(service, fx.tokens.admin, `/api/evaluations/${fx.toWithdraw}/award/withdrawals`);
      expect(items).toHaveLength(1);
    },
  },
  "GET /api/evaluations/:id/award/withdrawals": { call: (_c, fx) => ({ path: `/api/evaluations/${fx.awarded}/award/withdrawals` }) },

  "GET /api/catalogues": { call: () => ({ path: "/api/catalogues" }) },
  "GET /api/catalogue": { call: () => ({ path: "/api/catalogue" }) },
  "GET /api/catalogue/:version": { call: (_c, fx) => ({ path: `/api/catalogue/${fx.catalogueVersion}` }) },
  "POST /api/catalogue": {
    call: () => {
      const version = `MATRIX-${unique()}`;
      return { path: "/api/catalogue", method: "POST", body: `Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source\r\n${version},T-1,Economic,Jobs,Local people employed,FTE years,100,Test value`, headers: { "content-type": "text/csv" } };
    },
  },

  "POST /api/admin/prompts/run": { call: () => ({ path: "/api/admin/prompts/run", method: "POST" }) },
  "POST /api/admin/mail/bounces": { call: () => ({ path: "/api/admin/mail/bounces", method: "POST", body: "Hello, this is not a delivery report.", headers: { "content-type": "text/plain" } }) },

  "POST /api/diversity/campaigns": {
    call: () => ({ path: "/api/diversity/campaigns", method: "POST", body: { year: TO_OPEN, closesAt: daysFromNow(40) } }),
    stored: async (_c, response, fx, service) => {
      // Every local business in the register is invited (one more if the admin's new supplier came first).
      const view = (await response.json()) as { year: number; status: string; invited: number; answered: number; published: unknown };
      expect(view).toMatchObject({ year: TO_OPEN, status: "open", answered: 0, published: null });
      expect(view.invited).toBeGreaterThanOrEqual(2 + fx.answering.length);
      const { items } = await read<{ items: { year: number; status: string }[] }>(service, fx.tokens.admin, "/api/diversity/campaigns");
      expect(items.find((c) => c.year === TO_OPEN)?.status).toBe("open");
    },
  },
  "GET /api/diversity/campaigns": {
    call: () => ({ path: "/api/diversity/campaigns" }),
    stored: async (_c, response) => {
      const { items } = (await response.json()) as { items: { year: number }[] };
      expect(items.map((c) => c.year)).toEqual(expect.arrayContaining([PAST, YEAR]));
    },
  },
  "POST /api/diversity/campaigns/:year/close": {
    // Everyone but the admin tries this year's campaign, which must stay open; the admin closes the one opened for it.
    call: (caller) => ({ path: `/api/diversity/campaigns/${caller === "admin" ? TO_CLOSE : YEAR}/close`, method: "POST", body: {} }),
    stored: async (_c, _r, fx, service) => {
      const { items } = await read<{ items: { year: number; status: string }[] }>(service, fx.tokens.admin, "/api/diversity/campaigns");
      expect(items.find((c) => c.year === TO_CLOSE)?.status).toBe("closed");
    },
  },
  "GET /api/diversity/campaigns/:year/links.csv": {
    call: () => ({ path: `/api/diversity/campaigns/${YEAR}/links.csv` }),
    stored: async (_c, response, fx) => {
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; *filename="?diversity-links-${YEAR}\\.csv"?`));
      // Links only for the businesses still to answer: the other supplier, not this one.
      const text = await response.text();
      expect(text).toContain(fx.otherSupplier.name);
      expect(text).not.toContain(fx.supplier.name);
    },
  },
  "POST /api/diversity/campaigns/:year/teams-invitations": { call: () => ({ path: `/api/diversity/campaigns/${YEAR}/teams-invitations`, method: "POST", body: {} }) },
  "GET /api/diversity/campaigns/:year/reminders": {
    call: () => ({ path: `/api/diversity/campaigns/${YEAR}/reminders` }),
    stored: async (_c, response, fx) => {
      const ids = ((await response.json()) as { items: { supplierId: string }[] }).items.map((i) => i.supplierId);
      expect(ids).toContain(fx.otherSupplier.id);
      expect(ids).not.toContain(fx.supplier.id);
    },
  },
  "POST /api/diversity/responses": {
    call: (_c, fx) => ({ path: "/api/diversity/responses", method: "POST", body: { year: YEAR, supplierId: fx.supplier.id, ...answersOf(1) } }),
    stored: async (_c, response, fx, service) => {
      expect(await response.json()).toMatchObject({ year: YEAR, supplierId: fx.supplier.id, replaced: true });
      const { items } = await read<{ items: { revision: number }[] }>(service, fx.tokens.edi, `/api/diversity/responses?${PURPOSE}&year=${YEAR}&supplierId=${fx.supplier.id}`);
      expect(items.map((r) => r.revision)).toEqual([2]);
    },
  },
  "GET /api/diversity/responses": {
    call: (_c, fx) => ({ path: `/api/diversity/responses?${PURPOSE}&year=${YEAR}&supplierId=${fx.supplier.id}` }),
    stored: async (caller, response, fx) => {
      const body = (await response.json()) as { items?: { supplierId: string }[]; supplierId?: string; responses?: { year: number }[] };
      if (caller === "edi") return expect(body.items?.map((i) => i.supplierId)).toEqual([fx.supplier.id]);
      // A contact gets its own organisation's answers: another supplier's contact asking for this one's gets its own, never this one's.
      expect(body.supplierId).toBe(caller === "supplier" ? fx.supplier.id : fx.otherSupplier.id);
      if (caller === "otherSupplier") expect(JSON.stringify(body)).not.toContain(fx.supplier.id);
      else expect(body.responses?.map((r) => r.year).sort()).toEqual([PAST, YEAR]);
    },
  },
  "DELETE /api/diversity/responses": {
    // After every read of the answers: the EDI analyst erases the last answering business's answers, this supplier's contact its own.
    call: (caller, fx) => ({ path: `/api/diversity/responses?supplierId=${caller === "edi" ? fx.answering.at(-1)?.id : fx.supplier.id}${caller === "edi" ? `&${PURPOSE}` : ""}`, method: "DELETE" }),
    stage: { supplier: 3, edi: 3 },
    stored: async (caller, response, fx, service) => {
      const { erased } = (await response.json()) as { erased: number };
      if (caller === "otherSupplier") expect(erased).toBe(0);
      else expect(erased).toBeGreaterThan(0);
      const target = caller === "edi" ? fx.answering.at(-1)?.id : caller === "supplier" ? fx.supplier.id : fx.otherSupplier.id;
      const { items } = await read<{ items: unknown[] }>(service, fx.tokens.edi, `/api/diversity/responses?${PURPOSE}&supplierId=${target}`);
      expect(items).toEqual([]);
    },
  },
  "GET /api/diversity/baseline (a published year)": {
    call: () => ({ path: `/api/diversity/baseline?year=${PAST}` }),
    stored: async (_c, response, fx) => {
      const view = (await response.json()) as { year: number; published: unknown; total: number };
      expect(view).toMatchObject({ year: PAST, published: fx.published });
      expect(view.total).toBe(1 + fx.answering.length);
    },
  },
  "GET /api/diversity/baseline (a year not yet published)": {
    call: () => ({ path: `/api/diversity/baseline?year=${YEAR}` }),
    stored: async (_c, response) => expect(await response.json()).toMatchObject({ year: YEAR, published: null }),
  },
  "POST /api/diversity/baseline/publish (a closed year)": {
    call: () => ({ path: "/api/diversity/baseline/publish", method: "POST", body: { year: PAST } }),
    stored: async (_c, response, fx) => expect(((await response.json()) as { published: unknown }).published).toEqual(fx.published),
  },
  "POST /api/diversity/baseline/publish (a year still open)": { call: () => ({ path: "/api/diversity/baseline/publish", method: "POST", body: { year: YEAR } }) },
  "GET /api/diversity/engagement": {
    call: () => ({ path: `/api/diversity/engagement?${PURPOSE}&year=${YEAR}&format=json` }),
    stored: async (_c, response, fx) => {
      // This supplier consents to be contacted; the other has not answered.
      const ids = ((await response.json()) as { items: { supplierId: string }[] }).items.map((r) => r.supplierId);
      expect(ids).toContain(fx.supplier.id);
      expect(ids).not.toContain(fx.otherSupplier.id);
    },
  },
  "GET /api/diversity/audit": {
    call: () => ({ path: "/api/diversity/audit" }),
    stored: async (_c, response) => {
      const { items } = (await response.json()) as { items: { action: string }[] };
      expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(["open-campaign", "read-responses"]));
    },
  },
  "POST /api/admin/diversity/retention/run": {
    call: () => ({ path: "/api/admin/diversity/retention/run", method: "POST", body: {} }),
    // Nothing is three years old: nothing goes.
    stored: async (_c, response) => expect(await response.json()).toMatchObject({ deleted: 0 }),
  },
};

/** A link no campaign made: the form's routes, tried with each caller's token. */
export const GUESSED_LINK = `/diversity/${guessedToken()}`;
