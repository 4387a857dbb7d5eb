// Every string parameter of the service (each path and query parameter of every /api route, the
// If-Match and Idempotency-Key headers, the ids a body names, and the form's token) probed with
// OData injection and path traversal, against the real service over plain HTTP (the request line
// sent byte for byte, so "../" reaches the service unresolved). Two suppliers have data; every
// probe is made as a procurement officer (or EDI analyst) and as the first supplier's contact:
// the answer is a 4xx (never 500), a filter never widens, and nothing of the second supplier
// ever appears in what the first supplier's contact is answered. The list of routes is this
// file's own; it is checked against the routes of the app that createApp builds.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppDeps, issueUpdateLink } from "@toms/app";
import { DEFAULT_CATALOGUE_VERSION } from "@toms/domain";
import { createDiversityDeps } from "@toms/app/diversity";
import { createApp, createLogger, loadConfig } from "@toms/api";
import { openDiversityStorage } from "@toms/storage/diversity";
import { addContract, addKpi, SERVICE_AREA, sendUpdate, type ContractMade, type KpiView } from "../support/delivery-fixtures.js";
import { addLocalSuppliers, answersOf, formLinks, openCampaign, sendAnswers, staffTokens, tokenOf, type LocalSupplier, type StaffTokens } from "../support/diversity.js";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea } from "../support/service-areas.js";

const YEAR = new Date().getUTCFullYear();

/** What each probe sends: `value` is the parameter's text (%-escaped when sent); `raw` goes into the address as written. */
interface ProbeValue {
  name: string;
  value?: string;
  raw?: string;
}

const PROBES: ProbeValue[] = [
  { name: "quote-or", value: "' or PartitionKey ne '" },
  { name: "or-true", value: "x' or true or 'a' eq 'a" },
  { name: "lone quote", value: "'" },
  { name: "eq", value: "eq" },
  { name: "$filter", value: "$filter=PartitionKey ne ''" },
  { name: "odata ops", value: "') or (RowKey gt '" },
  { name: "raw %27", raw: "%27" },
  { name: "raw %27 or", raw: "x%27%20or%20PartitionKey%20ne%20%27" },
  { name: "dot-dot-slash", raw: "../../suppliers" },
  { name: "encoded dot-dot-slash", raw: "..%2F..%2Fsuppliers" },
  { name: "encoded dots", raw: "%2e%2e%2f%2e%2e%2f" },
  { name: "backslashes", value: "..\\..\\suppliers" },
  { name: "encoded NUL", raw: "a%00b" },
  { name: "slash hash question", value: "a/b#c?d" },
  { name: "control chars", value: "a\u0001\u001f\u007fb" },
  { name: "very long", value: "a".repeat(3000) },
  { name: "long with quotes", value: "'".repeat(1500) },
  { name: "unicode", value: "Ünïcødé ☃ 𝄞 \u202eevil" },
  { name: "lone surrogate", raw: "%ED%A0%80" },
  { name: "dollar escape", value: "$2F$2E$2E" },
];

/** The probe as it goes into a path segment or a query value. */
const sent = (probe: ProbeValue) => probe.raw ?? encodeURIComponent(probe.value as string);

/** The probes that can be header values (Node refuses control characters and text beyond Latin-1 there). */
const HEADER_PROBES = PROBES.filter((p) => p.value !== undefined && /^[\x20-\x7e]*$/.test(p.value)) as Required<Pick<ProbeValue, "name" | "value">>[];

type Caller = "admin" | "edi";

interface RouteSpec {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The route as express names it, under /api unless it is the form's. */
  path: string;
  /** Who may call it, so that a probe reaches the handler (the supplier's contact is also tried). */
  as: Caller;
  /** Query parameters, with the valid value each takes while another is probed. */
  query?: Record<string, string>;
  /** Query parameters that filter a list: a probe there that is answered 200 must list nothing. */
  filters?: string[];
  /** Query parameters whose valid value must stay (not probed). */
  fixed?: string[];
  /** Headers the route reads: "if-match" or "idempotency-key". */
  headers?: ("if-match" | "idempotency-key")[];
  body?: () => unknown;
}

let service: TestService;
let staff: StaffTokens;
let own: LocalSupplier;
let other: LocalSupplier;
let ownContract: ContractMade;
let otherContract: ContractMade;
let ownKpi: KpiView;
let otherKpi: KpiView;
let ownUpdateId: string;
let otherUpdateId: string;
let ownToken: string;
/** A signed update link of the first supplier's contact, for the /update/{token} routes. */
let ownLinkToken: string;
let otherToken: string;
let ownSupplierEtag: string;
let ownContactId: string;
let ownContractEtag: string;
let evaluationId: string;
/** Everything of the other supplier that must never reach the first supplier's contact. */
let otherMarks: string[];

/** A valid value for each path parameter of the route: the first supplier's own records. */
const valid = (route: RouteSpec): Record<string, string> => ({
  id: /^\/api\/(dashboard\/)?suppliers\//.test(route.path) ? own.id : route.path.startsWith("/api/evaluations/") ? evaluationId : ownContract.id,
  kpiId: ownKpi.id,
  contactId: ownContactId,
  updateId: ownUpdateId,
  assessmentId: "00000000-0000-4000-8000-000000000000",
  linkId: "00000000-0000-4000-8000-000000000000",
  version: DEFAULT_CATALOGUE_VERSION,
  year: String(YEAR),
  token: route.path.startsWith("/update/") ? ownLinkToken : ownToken,
  name: "storage.md",
});

const ROUTES: RouteSpec[] = [
  { method: "GET", path: "/api/me", as: "admin" },
  { method: "POST", path: "/api/suppliers", as: "admin" },
  { method: "GET", path: "/api/suppliers", as: "admin", query: { limit: "10", cursor: "" } },
  { method: "GET", path: "/api/suppliers/:id", as: "admin" },
  { method: "PATCH", path: "/api/suppliers/:id", as: "admin", headers: ["if-match"], body: () => ({ employees: 9 }) },
  { method: "POST", path: "/api/suppliers/:id/contacts", as: "admin", body: () => ({ email: `probe-${crypto.randomUUID().slice(0, 8)}@probe.example`, name: "Probe" }) },
  { method: "GET", path: "/api/suppliers/:id/contacts", as: "admin" },
  { method: "PUT", path: "/api/suppliers/:id/contacts/:contactId/channel", as: "admin", body: () => ({ channel: "automatic" }) },
  { method: "POST", path: "/api/contracts", as: "admin" },
  { method: "GET", path: "/api/contracts", as: "admin", query: { limit: "10", cursor: "", category: "services", status: "active", supplierId: "", managerId: "" }, filters: ["supplierId", "managerId"] },
  { method: "GET", path: "/api/contracts/:id", as: "admin" },
  { method: "GET", path: "/api/contracts/:id/commitments", as: "admin" },
  { method: "PATCH", path: "/api/contracts/:id", as: "admin", headers: ["if-match"], body: () => ({ title: "Street cleansing" }) },
  { method: "GET", path: "/api/contracts/:id/kpis", as: "admin" },
  { method: "POST", path: "/api/contracts/:id/kpis", as: "admin", body: () => ({ title: "Probe", unit: "%", target: 90, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "supplier" }) },
  { method: "POST", path: "/api/contracts/:id/kpis/from-template", as: "admin", body: () => ({ templateId: "no-such-template" }) },
  { method: "PATCH", path: "/api/contracts/:id/kpis/:kpiId", as: "admin", headers: ["if-match"], body: () => ({ title: "Probe" }) },
  { method: "GET", path: "/api/contracts/:id/kpis/:kpiId/updates", as: "admin" },
  { method: "POST", path: "/api/contracts/:id/kpis/:kpiId/updates", as: "admin", headers: ["idempotency-key"], body: () => ({ period: "2025-03", value: 91 }) },
  { method: "POST", path: "/api/contracts/:id/kpis/:kpiId/updates/:updateId/review", as: "admin", body: () => ({ decision: "reject" }) },
  { method: "POST", path: "/api/contracts/:id/reminders", as: "admin", body: () => ({}) },
  { method: "POST", path: "/api/contracts/:id/commitments", as: "admin", body: () => ({}) },
  { method: "GET", path: "/api/contracts/:id/social-value", as: "admin" },
  { method: "GET", path: "/api/contracts/:id/assessments", as: "admin" },
  { method: "POST", path: "/api/contracts/:id/assessments", as: "admin", body: () => ({}) },
  { method: "POST", path: "/api/contracts/:id/assessments/:assessmentId/confirm", as: "admin", body: () => ({}) },
  { method: "POST", path: "/api/contracts/:id/assessments/:assessmentId/notice", as: "admin", body: () => ({}) },
  { method: "GET", path: "/api/contracts/:id/performance-notice", as: "admin", query: { assessmentId: "00000000-0000-4000-8000-000000000000" } },
  { method: "GET", path: "/api/kpi-templates", as: "admin" },
  { method: "POST", path: "/api/kpi-templates", as: "admin" },
  { method: "GET", path: "/api/service-areas", as: "admin" },
  { method: "POST", path: "/api/service-areas", as: "admin" },
  { method: "GET", path: "/api/dashboard/portfolio", as: "admin" },
  { method: "GET", path: "/api/dashboard/contracts/:id", as: "admin" },
  { method: "GET", path: "/api/dashboard/suppliers/:id", as: "admin" },
  { method: "GET", path: "/api/dashboard/overdue", as: "admin" },
  { method: "GET", path: "/api/reports/social-value", as: "admin", query: { year: String(YEAR), format: "json", yearType: "financial" } },
  { method: "POST", path: "/api/evaluations", as: "admin", headers: ["idempotency-key"], body: () => ({}) },
  { method: "GET", path: "/api/evaluations", as: "admin", query: { limit: "10", cursor: "" } },
  { method: "GET", path: "/api/evaluations/:id", as: "admin" },
  { method: "POST", path: "/api/evaluations/:id/award", as: "admin", body: () => ({ bidder: "Probe Ltd" }) },
  { method: "POST", path: "/api/evaluations/:id/award/withdrawal", as: "admin", body: () => ({}) },
  { method: "GET", path: "/api/evaluations/:id/award/withdrawals", as: "admin" },
  { method: "GET", path: "/api/catalogues", as: "admin" },
  { method: "GET", path: "/api/catalogue", as: "admin" },
  { method: "GET", path: "/api/catalogue/:version", as: "admin" },
  { method: "POST", path: "/api/catalogue", as: "admin" },
  { method: "POST", path: "/api/admin/prompts/run", as: "admin" },
  { method: "POST", path: "/api/admin/mail/bounces", as: "admin" },
  { method: "POST", path: "/api/admin/diversity/retention/run", as: "admin" },
  { method: "POST", path: "/api/diversity/campaigns", as: "admin" },
  { method: "GET", path: "/api/diversity/campaigns", as: "admin" },
  { method: "POST", path: "/api/diversity/campaigns/:year/close", as: "admin" },
  { method: "GET", path: "/api/diversity/campaigns/:year/links.csv", as: "admin", query: { only: "unanswered" } },
  { method: "POST", path: "/api/diversity/campaigns/:year/teams-invitations", as: "admin" },
  { method: "GET", path: "/api/diversity/campaigns/:year/reminders", as: "admin" },
  { method: "POST", path: "/api/diversity/responses", as: "edi", headers: ["idempotency-key"], body: () => ({}) },
  { method: "GET", path: "/api/diversity/responses", as: "edi", query: { purpose: "Probe the service for injection", year: String(YEAR), supplierId: "" }, filters: ["supplierId"] },
  { method: "DELETE", path: "/api/diversity/responses", as: "edi", query: { supplierId: "no-such-supplier", purpose: "Probe the service for injection" } },
  { method: "GET", path: "/api/diversity/baseline", as: "edi", query: { year: String(YEAR) } },
  { method: "POST", path: "/api/diversity/baseline/publish", as: "edi", body: () => ({}) },
  { method: "GET", path: "/api/diversity/engagement", as: "edi", query: { purpose: "Probe the service for injection", year: String(YEAR), barrier: "", sector: "", size: "micro", characteristic: "womenOwned", format: "json" }, filters: ["barrier", "sector"], fixed: ["format"] },
  { method: "GET", path: "/api/diversity/audit", as: "edi", query: { from: "", to: "" } },
  { method: "GET", path: "/docs/:name", as: "admin" },
  { method: "GET", path: "/diversity/:token", as: "admin" },
  { method: "POST", path: "/diversity/:token", as: "admin" },
  { method: "GET", path: "/diversity/:token/answers.json", as: "admin" },
  { method: "POST", path: "/diversity/:token/erase", as: "admin" },
  { method: "GET", path: "/api/contracts/:id/update-links", as: "admin" },
  { method: "POST", path: "/api/contracts/:id/update-links/:linkId/revoke", as: "admin" },
  { method: "GET", path: "/update/:token", as: "admin" },
  { method: "POST", path: "/update/:token", as: "admin" },
  { method: "POST", path: "/update/:token/fresh-link", as: "admin" },
];

/** Each request from its own address (X-Forwarded-For, trusted from loopback), so the form's limit on links that do not work is never what answers. */
let address = 0;

interface Answer {
  status: number;
  type: string;
  text: string;
}

/** One request, its address sent exactly as given (no resolving of "../", no re-escaping). */
function send(method: string, path: string, token: string | undefined, headers: Record<string, string>, body: unknown): Promise<Answer> {
  const url = new URL(service.url);
  const payload = body === undefined ? undefined : method === "GET" ? undefined : path.startsWith("/diversity/") ? new URLSearchParams({ action: "draft" }).toString() : JSON.stringify(body);
  address++;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: {
          "x-forwarded-for": `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload !== undefined ? { "content-type": path.startsWith("/diversity/") ? "application/x-www-form-urlencoded" : "application/json", "content-length": String(Buffer.byteLength(payload)) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Runs `jobs` a few at a time: the service on a shared machine, not a load test. */
async function inTurn<T>(jobs: (() => Promise<T>)[], width = 6): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await (jobs[i] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

interface Probe {
  route: RouteSpec;
  /** Which parameter is probed, e.g. ":id", "?supplierId", "If-Match". */
  part: string;
  probe: string;
  method: string;
  path: string;
  headers: Record<string, string>;
}

function pathWith(route: RouteSpec, probed?: { name: string; segment: string }): string {
  const values = valid(route);
  return route.path.replace(/:(\w+)/g, (_, name: string) => (probed?.name === name ? probed.segment : encodeURIComponent(values[name] as string)));
}

function queryWith(route: RouteSpec, probed?: { name: string; value: string }): string {
  const entries = Object.entries(route.query ?? {}).map(([name, value]) => [name, probed?.name === name ? probed.value : encodeURIComponent(value)] as const).filter(([, value]) => value !== "");
  return entries.length ? `?${entries.map(([name, value]) => `${name}=${value}`).join("&")}` : "";
}

function headersOf(route: RouteSpec, probed?: { name: string; value: string }): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of route.headers ?? []) headers[name] = name === "if-match" ? (route.path.startsWith("/api/suppliers") ? ownSupplierEtag : ownContractEtag) : crypto.randomUUID();
  if (probed) headers[probed.name] = probed.value;
  return headers;
}

/** Every probe of every string parameter of every route. */
function probes(): Probe[] {
  const all: Probe[] = [];
  for (const route of ROUTES) {
    for (const [, name] of route.path.matchAll(/:(\w+)/g)) {
      for (const probe of PROBES) all.push({ route, part: `:${name}`, probe: probe.name, method: route.method, path: pathWith(route, { name: name as string, segment: sent(probe) }) + queryWith(route), headers: headersOf(route) });
    }
    for (const name of Object.keys(route.query ?? {})) {
      if (route.fixed?.includes(name)) continue;
      for (const probe of PROBES) all.push({ route, part: `?${name}`, probe: probe.name, method: route.method, path: pathWith(route) + queryWith(route, { name, value: sent(probe) }), headers: headersOf(route) });
    }
    for (const name of route.headers ?? []) {
      for (const probe of HEADER_PROBES) all.push({ route, part: name, probe: probe.name, method: route.method, path: pathWith(route) + queryWith(route), headers: headersOf(route, { name, value: probe.value }) });
    }
  }
  return all;
}

beforeAll(async () => {
  service = await startTestService({ TOMS_WRITE_LIMIT_PER_MINUTE: "1000000" });
  staff = await staffTokens(service);
  await ensureServiceArea(service, staff.admin, SERVICE_AREA);
  [own, other] = (await addLocalSuppliers(service, staff.admin, 2, "Probe")) as [LocalSupplier, LocalSupplier];
  ownContract = await addContract(service, staff.admin, { supplierId: own.id, startDate: "2025-01-01", endDate: "2028-12-31" });
  otherContract = await addContract(service, staff.admin, { supplierId: other.id, startDate: "2025-01-01", endDate: "2028-12-31" });
  ownKpi = await addKpi(service, staff.admin, ownContract.id);
  otherKpi = await addKpi(service, staff.admin, otherContract.id);
  ownUpdateId = (await sendUpdate(service, own.token, ownContract.id, ownKpi.id, "2025-01", 93)).id;
  otherUpdateId = (await sendUpdate(service, other.token, otherContract.id, otherKpi.id, "2025-01", 88)).id;
  await openCampaign(service, staff.admin, YEAR);
  const links = await formLinks(service, staff.admin, YEAR);
  ownToken = tokenOf(links.get(own.name) as string);
  otherToken = tokenOf(links.get(other.name) as string);
  const [ownContact] = await service.storage.suppliers.listContacts(own.id);
  const issued = await issueUpdateLink(createAppDeps(service.storage, { moneyLabel: "£", updateLinks: { publicUrl: service.url, days: 30 } }), { contractId: ownContract.id, contactId: ownContact?.id ?? "" });
  if (!issued.ok) throw new Error(issued.message);
  ownLinkToken = issued.value.token;
  expect((await sendAnswers(service, own, YEAR, answersOf(1))).status).toBe(201);
  expect((await sendAnswers(service, other, YEAR, answersOf(2))).status).toBe(201);
  const { version } = await publishTestCatalogue(service, staff.admin);
  const evaluator = await service.token("eve.evaluator", "evaluator");
  const evaluation = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: tenderSubmission(version, { reference: `PROBE-T-${crypto.randomUUID().slice(0, 6)}` }) });
  expect(evaluation.status).toBe(201);
  evaluationId = ((await evaluation.json()) as { id: string }).id;
  ownSupplierEtag = (await service.call(`/api/suppliers/${own.id}`, { token: staff.admin })).headers.get("etag") as string;
  ownContactId = ((await (await service.call(`/api/suppliers/${own.id}/contacts`, { token: staff.admin })).json()) as { items: { id: string }[] }).items[0]?.id as string;
  ownContractEtag = (await service.call(`/api/contracts/${ownContract.id}`, { token: staff.admin })).headers.get("etag") as string;
  otherMarks = [other.id, other.name, other.contactEmail, otherContract.id, otherContract.reference, otherKpi.id, otherKpi.title, otherUpdateId, otherToken];
}, 120_000);
afterAll(() => service?.close());

/** The routes of the app createApp builds, as "METHOD /full/path", read from express's router stack. */
async function appRoutes(): Promise<string[]> {
  const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", TOMS_DATA_DIR: service.dataDir, TOMS_SEED: "none" });
  const deps = createAppDeps(service.storage, { moneyLabel: config.moneyLabel });
  const diversity = createDiversityDeps(deps, await openDiversityStorage(service.storage.store), { publicUrl: config.publicUrl });
  const app = createApp({ config, storage: service.storage, verify: () => Promise.reject(new Error("not used: the routes are only listed")), log: createLogger("silent"), deps, diversity });
  interface Layer {
    rawPath?: unknown;
    route?: { path: string; methods: Record<string, boolean> };
    handle?: { stack?: Layer[] };
  }
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${`${prefix}${layer.route.path}`.replace(/\/$/, "") || "/"}`);
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : "";
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, "");
  return found;
}

describe("the list of routes probed", () => {
  it("holds every route of the app that takes a path parameter, and every /api route", async () => {
    const listed = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
    const routes = await appRoutes();
    // The bot's endpoint takes an activity from the Bot Framework channel, and the development sign-in a body: neither has a string parameter.
    const missing = routes.filter((r) => (r.includes(":") || r.includes(" /api/")) && !listed.has(r) && r !== "POST /api/messages");
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(ROUTES.length);
  });
});

describe("every string parameter probed with OData injection and path traversal", () => {
  it("starts from requests that work: each GET route with the valid values is answered 200", async () => {
    const tokens: Record<Caller, string> = { admin: staff.admin, edi: staff.edi };
    // The performance notice names an assessment that is not there: only its parameters are probed.
    const gets = ROUTES.filter((r) => r.method === "GET" && !r.path.endsWith("/performance-notice"));
    const answers = await inTurn(gets.map((route) => async () => ({ route: route.path, status: (await send("GET", pathWith(route) + queryWith(route), tokens[route.as], headersOf(route), undefined)).status })));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  });

  it("is answered with a 4xx (never a 500), a filter that lists nothing, and nothing of another supplier", async () => {
    const all = probes();
    const tokens: Record<Caller, string> = { admin: staff.admin, edi: staff.edi };
    const faults: string[] = [];
    const jobs = all.flatMap((p) => [
      async () => {
        const answer = await send(p.method, p.path, tokens[p.route.as], p.headers, p.route.body?.() ?? (p.method === "GET" ? undefined : {}));
        return { p, who: p.route.as as string, answer };
      },
      async () => {
        const answer = await send(p.method, p.path, own.token, p.headers, p.route.body?.() ?? (p.method === "GET" ? undefined : {}));
        return { p, who: "own supplier", answer };
      },
    ]);
    const results = await inTurn(jobs);
    for (const { p, who, answer } of results) {
      const where = `${p.method} ${p.route.path} ${p.part}=${p.probe} as ${who}: ${answer.status} ${answer.text.slice(0, 200)}`;
      if (answer.status >= 500 || answer.status < 200) faults.push(`server error: ${where}`);
      const form = p.route.path.startsWith("/diversity/") || p.route.path.startsWith("/update/") || p.route.path.startsWith("/docs/");
      if (answer.status >= 400 && !form && !answer.type.startsWith("application/problem+json")) faults.push(`not a problem: ${where}`);
      // Asking for a fresh update link answers every token alike (200, the same words), so the answer says nothing of the link.
      const sameForAll = p.route.path === "/update/:token/fresh-link" && answer.status === 200 && answer.text.includes("If this link was sent to you, a new one is on its way");
      if (p.part.startsWith(":") && ![400, 403, 404].includes(answer.status) && !sameForAll) faults.push(`a probed path was answered: ${where}`);
      if (p.part.startsWith("?") && answer.status === 200 && p.route.filters?.includes(p.part.slice(1)) && who !== "own supplier") {
        const items = (JSON.parse(answer.text) as { items?: unknown[] }).items;
        if (items?.length !== 0) faults.push(`a probed filter listed ${items?.length} rows: ${where}`);
      }
      if (who === "own supplier") for (const mark of otherMarks) if (answer.text.includes(mark)) faults.push(`another supplier's ${mark} in: ${where}`);
    }
    if (process.env.PROBE_SUMMARY) {
      const tally = new Map<string, number>();
      for (const { p, who, answer } of results) tally.set(`${p.part} ${who} ${answer.status}`, (tally.get(`${p.part} ${who} ${answer.status}`) ?? 0) + 1);
      console.log([...tally].sort().map(([k, n]) => `${k}: ${n}`).join("\n"), all.length);
    }
    expect(faults).toEqual([]);
    // Every probe was made, as both callers.
    expect(results.length).toBe(all.length * 2);
    expect(all.length).toBeGreaterThan(1000);
  }, 600_000);

  it("changed nothing of the other supplier: its answer, contract, KPI and update are all still there", async () => {
    const answers = await service.call(`/api/diversity/responses?purpose=${encodeURIComponent("Check nothing was erased by a probe")}&supplierId=${other.id}`, { token: staff.edi });
    expect(answers.status).toBe(200);
    expect(((await answers.json()) as { items: unknown[] }).items).toHaveLength(1);
    const updates = await service.call(`/api/contracts/${otherContract.id}/kpis/${otherKpi.id}/updates`, { token: staff.admin });
    expect(((await updates.json()) as { items: { id: string }[] }).items.map((u) => u.id)).toEqual([otherUpdateId]);
  });
});

/** Texts Azure refuses in a PartitionKey or RowKey, with the injection probes: what a body may name as a record's id. */
const KEY_PROBES = ["a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\u001fb", "a\u007fb", "a\u0085b", "' or PartitionKey ne '", "x' or true or 'a' eq 'a", "../../x", "a".repeat(3000)];

/** The ids a request body names, each with a body where only that id is probed. */
const BODY_IDS: { label: string; method: string; path: () => string; field: string; body: (value: string) => unknown; as: Caller | "own" }[] = [
  { label: "POST /api/contracts", method: "POST", path: () => "/api/contracts", field: "supplierId", as: "admin", body: (v) => ({ reference: `PROBE-${crypto.randomUUID().slice(0, 8)}`, title: "Probe", category: "services", value: 1000, startDate: "2025-01-01", endDate: "2026-01-01", managerId: "tom.brennan", serviceArea: SERVICE_AREA, supplierId: v }) },
  { label: "POST /api/contracts/{id}/kpis/from-template", method: "POST", path: () => `/api/contracts/${ownContract.id}/kpis/from-template`, field: "templateId", as: "admin", body: (v) => ({ templateId: v }) },
  { label: "POST /api/contracts/{id}/reminders", method: "POST", path: () => `/api/contracts/${ownContract.id}/reminders`, field: "kpiId", as: "admin", body: (v) => ({ kpiId: v, period: "2025-02", what: "update" }) },
  { label: "POST /api/contracts/{id}/assessments", method: "POST", path: () => `/api/contracts/${ownContract.id}/assessments`, field: "replaces", as: "admin", body: (v) => ({ from: "2025-01-01", to: "2025-12-31", kind: "annual", replaces: v }) },
  { label: "POST /api/evaluations/{id}/award", method: "POST", path: () => `/api/evaluations/${evaluationId}/award`, field: "contractId", as: "admin", body: (v) => ({ bidder: "Beta Ltd", contractId: v }) },
  { label: "POST /api/evaluations/{id}/award", method: "POST", path: () => `/api/evaluations/${evaluationId}/award`, field: "supplierId", as: "admin", body: (v) => ({ bidder: "Beta Ltd", contractId: ownContract.id, supplierId: v }) },
  { label: "POST /api/diversity/responses", method: "POST", path: () => "/api/diversity/responses", field: "supplierId", as: "own", body: (v) => ({ year: YEAR, ...answersOf(3), supplierId: v }) },
];


describe("an id named in a body, probed with what Azure forbids in keys and with injection", () => {
  it.each(BODY_IDS.map((b) => [`${b.label} ${b.field}`, b] as const))("is refused with a 4xx problem, never a 500: %s", async (_, spec) => {
    const faults: string[] = [];
    for (const value of KEY_PROBES) {
      const token = spec.as === "own" ? own.token : spec.as === "admin" ? staff.admin : staff.edi;
      const answer = await send(spec.method, spec.path(), token, {}, spec.body(value));
      const where = `${JSON.stringify(value.slice(0, 30))}: ${answer.status} ${answer.text.slice(0, 300)}`;
      if (answer.status < 400 || answer.status >= 500) faults.push(`not refused: ${where}`);
      else if (!answer.type.startsWith("application/problem+json")) faults.push(`not a problem: ${where}`);
      else if (answer.status === 400 && !(JSON.parse(answer.text) as { errors?: { field: string }[] }).errors?.some((e) => e.field === spec.field)) faults.push(`the field is not named: ${where}`);
    }
    expect(faults).toEqual([]);
  });
});

describe("a supplier claim that is not an id (a development token for any text)", () => {
  it.each(KEY_PROBES.map((v) => [JSON.stringify(v.slice(0, 30)), v] as const))("gets no 500 and nothing of another supplier, for %s", async (_, value) => {
    const token = await service.token(`contact-probe-${crypto.randomUUID().slice(0, 6)}`, "supplier", { supplierId: value });
    const faults: string[] = [];
    for (const path of ["/api/suppliers", "/api/contracts", "/api/dashboard/portfolio", "/api/dashboard/overdue", `/api/suppliers/${own.id}`, `/api/contracts/${ownContract.id}`, "/api/diversity/responses", "/api/kpi-templates"]) {
      const answer = await send("GET", path, token, {}, undefined);
      if (answer.status >= 500) faults.push(`${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
      for (const mark of [...otherMarks, own.id, own.name]) if (answer.text.includes(mark) && !path.includes(mark)) faults.push(`${path} shows ${mark}`);
    }
    const erased = await send("DELETE", "/api/diversity/responses", token, {}, undefined);
    // Their own erasure (of nothing: no business has that id) is theirs to ask for; only a 500, or erasing something, is wrong.
    if (erased.status >= 500 || (erased.status === 200 && erased.text !== '{"erased":0}')) faults.push(`DELETE /api/diversity/responses: ${erased.status} ${erased.text.slice(0, 200)}`);
    expect(faults).toEqual([]);
  });
});

/** A body sent in chunks without a Content-Length, so that the parser has to count as it reads. */
function sendChunked(method: string, path: string, token: string | undefined, contentType: string, size: number): Promise<Answer> {
  const url = new URL(service.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { "content-type": contentType, "transfer-encoding": "chunked", ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
    });
    // The service answers before the body ends and may close the connection: the rest is not sent.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    const piece = Buffer.alloc(64 * 1024, "x");
    let left = size;
    const write = () => {
      while (left > 0) {
        left -= piece.length;
        if (!req.write(piece)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

const MB = 1024 * 1024;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("a body over its limit gets 413 and says so, for each body parser", () => {
  const tooLarge = async (answer: Answer, detail: RegExp) => {
    expect(answer.status, answer.text.slice(0, 300)).toBe(413);
    expect(answer.type).toContain("application/problem+json");
    const problem = JSON.parse(answer.text) as { status: number; detail: string };
    expect(problem.status).toBe(413);
    expect(problem.detail).toMatch(detail);
  };

  it("the API's JSON (1 MB): a write of each family, with a Content-Length and sent in chunks", async () => {
    const big = { title: "x".repeat(MB + 10) };
    for (const [method, path] of [["POST", "/api/suppliers"], ["PATCH", `/api/contracts/${ownContract.id}`], ["POST", `/api/contracts/${ownContract.id}/kpis`], ["POST", "/api/evaluations"], ["POST", "/api/diversity/campaigns"], ["POST", "/api/service-areas"]] as const) {
      await tooLarge(await send(method, path, staff.admin, { "if-match": ownContractEtag }, big), /larger than the 1 MB/);
    }
    await tooLarge(await sendChunked("POST", "/api/suppliers", staff.admin, "application/json", 2 * MB), /larger than the 1 MB/);
    // Under the limit is read, and refused for what it says, not for its size.
    expect((await send("POST", "/api/suppliers", staff.admin, {}, { name: "x".repeat(MB - 100) })).status).toBe(400);
  });

  it("the bot's endpoint (JSON, 1 MB), before anything looks at the activity", async () => {
    await tooLarge(await send("POST", "/api/messages", undefined, {}, { type: "message", text: "x".repeat(MB + 10) }), /larger than the 1 MB/);
  });

  it("development sign-in (JSON, 16 kB)", async () => {
    await tooLarge(await send("POST", "/auth/dev-token", undefined, {}, { userId: "x".repeat(20_000), roles: ["admin"] }), /larger than/);
  });

  it("the catalogue upload: CSV text and an Excel workbook (2 MB each)", async () => {
    await tooLarge(await sendChunked("POST", "/api/catalogue", staff.admin, "text/csv", 3 * MB), /at most 2 MB/);
    await tooLarge(await sendChunked("POST", "/api/catalogue", staff.admin, XLSX_TYPE, 3 * MB), /at most 2 MB/);
  });

  it("the diversity form (64 kB): the form's own page, with a Content-Length and sent in chunks", async () => {
    const body = new URLSearchParams({ action: "draft", sector: "x".repeat(70_000) }).toString();
    const url = new URL(service.url);
    const sized = await new Promise<Answer>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method: "POST", path: `/diversity/${ownToken}`, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
      });
      req.on("error", reject);
      req.end(body);
    });
    const chunked = await sendChunked("POST", `/diversity/${ownToken}`, undefined, "application/x-www-form-urlencoded", 256 * 1024);
    for (const answer of [sized, chunked]) {
      expect(answer.status).toBe(413);
      expect(answer.type).toContain("text/html");
      expect(answer.text).toContain("Your answers are too long to send");
    }
  });
});
