// The authorisation matrix against the real service: every route x every caller, each answer's
// status as matrix.ts says (and docs/authorisation.md shows); allowed writes stored, refused ones
// changing nothing; the matrix listing exactly the app's routes; the page up to date.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../../support/service.js";
import { PAST, setUp, YEAR, type Fixture } from "./fixtures.js";
import { CALLERS, MATRIX, rowName, type Caller, type MatrixRow } from "./matrix.js";
import { renderAuthorisationDoc } from "./matrix-doc.js";
import { GUESSED_LINK, PLANS, type Call, type Plan } from "./requests.js";

const DOC = new URL("../../../docs/authorisation.md", import.meta.url);
/** How many calls are in flight at once. */
const PARALLEL = 16;

let service: TestService;
let fx: Fixture;

interface Answer {
  status: number;
  /** What went wrong besides the status: a refusal that is not a problem in words, or a write not stored. */
  faults: string[];
}
const answers = new Map<string, Partial<Record<Caller, Answer>>>();
let before: string;
let afterRefusals: string;

interface Job {
  row: MatrixRow & { cells: Record<Caller, number> };
  caller: Caller;
  expected: number;
  stage: number;
}

async function send(call: Call, caller: Caller): Promise<Response> {
  const token = fx.tokens[caller];
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(call.body !== undefined && typeof call.body !== "string" ? { "content-type": "application/json" } : {}), ...call.headers };
  const body = call.body === undefined ? undefined : typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  return fetch(`${service.url}${call.path}`, { method: call.method ?? "GET", headers, ...(body !== undefined ? { body } : {}) });
}

async function run(job: Job): Promise<void> {
  const name = rowName(job.row);
  const plan = PLANS[name];
  if (!plan) throw new Error(`No request for ${name}`);
  const response = await send(await plan.call(job.caller, fx, service), job.caller);
  const faults: string[] = [];
  if (response.status >= 400) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: unknown };
    // A refusal is a problem in words, never a stack trace or an empty body.
    if (typeof problem.detail !== "string" || !/\w+ \w+/.test(problem.detail)) faults.push(`a ${response.status} without a problem in words`);
    // Not found says nothing of the record: not its reference, its title or its supplier.
    const said = JSON.stringify(problem);
    if (response.status === 404 && [fx.contract.reference, fx.contract.title, fx.supplier.name].some((word) => said.includes(word))) faults.push(`a 404 that names the record: ${said}`);
  } else if (response.status === job.expected && plan.stored) {
    try {
      await plan.stored(job.caller, response, fx, service);
    } catch (error) {
      faults.push(`not as stored: ${(error as Error).message}`);
    }
  }
  answers.set(name, { ...answers.get(name), [job.caller]: { status: response.status, faults } });
}

async function runAll(jobs: Job[]): Promise<void> {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await run(job);
  }));
}

/** Every record a refused call aims at, as the admin and the EDI analyst read them. */
async function snapshot(): Promise<string> {
  const reads: [string, string | undefined][] = [
    [`/api/suppliers/${fx.supplier.id}`, fx.tokens.admin],
    [`/api/suppliers/${fx.supplier.id}/contacts`, fx.tokens.admin],
    ["/api/suppliers", fx.tokens.admin],
    ["/api/contracts", fx.tokens.admin],
    [`/api/contracts/${fx.contract.id}/kpis`, fx.tokens.admin],
    [`/api/contracts/${fx.second.id}/kpis`, fx.tokens.admin],
    [`/api/contracts/${fx.contract.id}/kpis/${fx.supplierKpi.id}/updates`, fx.tokens.admin],
    [`/api/contracts/${fx.contract.id}/assessments`, fx.tokens.admin],
    ["/api/evaluations", fx.tokens.admin],
    [`/api/evaluations/${fx.toWithdraw}/award/withdrawals`, fx.tokens.admin],
    ["/api/kpi-templates", fx.tokens.admin],
    ["/api/service-areas", fx.tokens.admin],
    ["/api/catalogues", fx.tokens.admin],
    // Who owes what, with the reminders asked for of it.
    ["/api/dashboard/overdue", fx.tokens.admin],
    ["/api/diversity/campaigns", fx.tokens.admin],
    [`/api/diversity/campaigns/${YEAR}/reminders`, fx.tokens.admin],
    [`/api/diversity/baseline?year=${PAST}`, fx.tokens.edi],
    [`/api/diversity/responses?purpose=Check+nothing+changed&year=${YEAR}`, fx.tokens.edi],
  ];
  const bodies = await Promise.all(reads.map(async ([path, token]) => {
    const response = await service.call(path, token ? { token } : {});
    expect(response.status, path).toBe(200);
    return [path, await response.json()] as const;
  }));
  return JSON.stringify(bodies, null, 1);
}

const guarded = MATRIX.filter((row): row is Job["row"] => !("rule" in row.cells));

beforeAll(async () => {
  service = await startTestService({ TOMS_DIVERSITY_THRESHOLD: "3" });
  fx = await setUp(service);
  const jobs = guarded.flatMap((row) => CALLERS.map((caller): Job => {
    const expected = row.cells[caller];
    // Refusals first, all together, then the callers let in, stage by stage.
    return { row, caller, expected, stage: expected >= 400 ? 0 : (PLANS[rowName(row)]?.stage?.[caller] ?? 1) };
  }));
  before = await snapshot();
  await runAll(jobs.filter((job) => job.stage === 0));
  afterRefusals = await snapshot();
  for (const stage of [...new Set(jobs.map((job) => job.stage))].filter((s) => s > 0).sort()) await runAll(jobs.filter((job) => job.stage === stage));
}, 120_000);
afterAll(() => service?.close());

describe("the matrix and the app", () => {
  it("lists every route the app answers, and only those", () => {
    const app = service.routes.map((r) => `${r.method} ${r.path}`).sort();
    const listed = [...new Set(MATRIX.map((r) => `${r.method} ${r.path}`))].sort();
    expect(listed).toEqual(app);
  });

  it("has a request for every row it checks, and no request for a row it does not have", () => {
    expect(Object.keys(PLANS).sort()).toEqual(guarded.map(rowName).sort());
  });

  it("docs/authorisation.md is what the matrix says", () => {
    const written = readFileSync(DOC, "utf8");
    if (written !== renderAuthorisationDoc()) expect.fail("docs/authorisation.md is out of date: run npm run docs:authorisation");
  });
});

describe("every route, every caller", () => {
  for (const row of guarded) {
    it(rowName(row), () => {
      const got = answers.get(rowName(row)) ?? {};
      expect(Object.fromEntries(CALLERS.map((c) => [c, got[c]?.status]))).toEqual(row.cells);
      expect(Object.fromEntries(CALLERS.flatMap((c) => (got[c]?.faults.length ? [[c, got[c]?.faults]] : [])))).toEqual({});
    });
  }
});

/** Every id the fixture made, each mapped to one no record has (of the same shape). */
function missingIds(): Map<string, string> {
  const ids = [fx.supplier.id, fx.otherSupplier.id, ...fx.answering.map((s) => s.id), fx.contract.id, fx.second.id, fx.others.id, fx.supplierKpi.id, fx.adminKpi.id, fx.secondKpi.id, fx.pending.admin, fx.pending.manager, fx.templateId, fx.drafts.admin, fx.drafts.manager, fx.confirmed.admin, fx.confirmed.manager, fx.awarded, fx.toWithdraw, fx.toAward.admin.evaluationId, fx.toAward.admin.contractId, fx.toAward.evaluator.evaluationId, fx.toAward.evaluator.contractId];
  return new Map(ids.map((id) => [id, crypto.randomUUID()]));
}

describe("refusals", () => {
  it("do not tell whether the record exists: a caller who may not read a record gets the same answer about one that does not exist", async () => {
    const missing = missingIds();
    const about = (path: string) => [...missing].reduce((p, [id, none]) => p.replaceAll(id, none), path).replace(/\/campaigns\/\d+\//, "/campaigns/1990/").replace(/([?&]year=)\d+/, "$11990");
    // Who may read the record a route is about: they may learn that it exists, and what they may not do with it.
    const readers = (row: Job["row"]) => {
      const reader = [["/api/contracts/:id", "GET /api/contracts/:id"], ["/api/dashboard/contracts/:id", "GET /api/contracts/:id"], ["/api/suppliers/:id", "GET /api/suppliers/:id"], ["/api/dashboard/suppliers/:id", "GET /api/suppliers/:id"], ["/api/evaluations/:id", "GET /api/evaluations/:id"], ["/api/diversity/campaigns/:year", "GET /api/diversity/campaigns"]].find(([prefix]) => row.path.startsWith(prefix as string));
      const cells = reader ? guarded.find((r) => rowName(r) === reader[1])?.cells : undefined;
      return (caller: Caller) => (cells ? cells[caller] < 400 : false);
    };
    const refused = guarded.filter((row) => row.path.includes(":") || row.path === "/api/diversity/responses" || row.path === "/api/contracts").flatMap((row) => {
      const mayRead = readers(row);
      return CALLERS.filter((c) => c !== "anonymous" && row.cells[c] >= 400 && !mayRead(c)).map((caller) => ({ row, caller }));
    });
    const leaks: string[] = [];
    const queue = [...refused];
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const call = await (PLANS[rowName(next.row)] as Plan).call(next.caller, fx, service);
        const status = (await send({ ...call, path: about(call.path) }, next.caller)).status;
        if (status !== next.row.cells[next.caller]) leaks.push(`${rowName(next.row)} as ${next.caller}: ${next.row.cells[next.caller]} for the record, ${status} for none`);
      }
    }));
    expect(refused.length).toBeGreaterThan(80);
    expect(leaks).toEqual([]);
  });

  it("a token with no role the suite knows reads only who it names, and what needs no sign-in", () => {
    const letIn = guarded.filter((row) => row.cells.noRole < 400).map(rowName);
    expect(letIn).toEqual(guarded.filter((row) => row.cells.anonymous < 400).map(rowName).concat("GET /api/me"));
  });

  it("store nothing: every record the refused calls aimed at reads the same before and after them", () => {
    expect(afterRefusals).toEqual(before);
  });

  it("a form link no campaign made answers the same whoever's token comes with it", async () => {
    const statuses = await Promise.all(CALLERS.map(async (caller) => (await send({ path: GUESSED_LINK }, caller)).status));
    expect(new Set(statuses)).toEqual(new Set([statuses[0]]));
    expect(statuses[0]).toBe(404);
  });
});

describe("what the matrix found, fixed", () => {
  it("a supplier's scorecard is refused to the EDI analyst and to a token without a role (403) whether or not the supplier exists", async () => {
    for (const caller of ["edi", "noRole"] as const) {
      const real = await send({ path: `/api/dashboard/suppliers/${fx.supplier.id}` }, caller);
      const none = await send({ path: `/api/dashboard/suppliers/${crypto.randomUUID()}` }, caller);
      expect([real.status, none.status], caller).toEqual([403, 403]);
    }
  });

  it("a token with no role of the suite reads no catalogue (403), while every role still does", async () => {
    for (const path of ["/api/catalogues", "/api/catalogue", `/api/catalogue/${fx.catalogueVersion}`, "/api/catalogue/NO-SUCH-VERSION"]) {
      expect((await send({ path }, "noRole")).status, path).toBe(403);
    }
    expect((await send({ path: `/api/catalogue/${fx.catalogueVersion}` }, "edi")).status).toBe(200);
  });
});
