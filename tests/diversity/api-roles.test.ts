// Who may do what with diversity data, against the real service: every route of /api/diversity (and the retention run) for every role, a supplier's contact for its own business and for another's, and no token, before the baseline is published and after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addLocalSuppliers, answersOf, baselineOf, daysFromNow, openCampaign, readAnswers, sendAnswers, staffTokens, type BaselineView, type CampaignView, type LocalSupplier, type OwnAnswersExport, type StaffTokens } from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

/** Who calls. "own" is the contact of the business a request is about; "another" is a contact of a different business asking about it. */
const CALLERS = ["admin", "evaluator", "contract-manager", "supplier (own)", "supplier (another's)", "edi-analyst", "no token"] as const;
type Caller = (typeof CALLERS)[number];

let service: TestService;
let staff: StaffTokens;
let suppliers: LocalSupplier[];
/** The business requests are about, and the other business whose contact tries to reach it. */
let own: LocalSupplier;
let another: LocalSupplier;
/** Businesses whose answers are erased: one by its own contact, one by the EDI analyst, in each phase. */
let erasedByOwn: [LocalSupplier, LocalSupplier];
let erasedByAnalyst: [LocalSupplier, LocalSupplier];

/** This year's campaign stays open throughout; last year's is closed and its baseline published between the two phases. */
const YEAR = new Date().getUTCFullYear();
const PAST = YEAR - 1;

function tokenOf(caller: Caller, about: LocalSupplier = own): string | undefined {
  switch (caller) {
    case "admin":
      return staff.admin;
    case "evaluator":
      return staff.evaluator;
    case "contract-manager":
      return staff.manager;
    case "edi-analyst":
      return staff.edi;
    case "supplier (own)":
      return about.token;
    case "supplier (another's)":
      return (about === another ? own : another).token;
    case "no token":
      return undefined;
  }
}

beforeAll(async () => {
  service = await startTestService({ TOMS_DIVERSITY_THRESHOLD: "3" });
  staff = await staffTokens(service);
  suppliers = await addLocalSuppliers(service, staff.admin, 12, "Roles");
  [own, another] = suppliers as [LocalSupplier, LocalSupplier];
  erasedByOwn = [suppliers[8] as LocalSupplier, suppliers[9] as LocalSupplier];
  erasedByAnalyst = [suppliers[10] as LocalSupplier, suppliers[11] as LocalSupplier];
  await openCampaign(service, staff.admin, PAST, daysFromNow(30));
  await openCampaign(service, staff.admin, YEAR, daysFromNow(60));
  // Every business but "another" answers both years, so baselines and erasures have answers to work on.
  for (const [n, supplier] of suppliers.entries()) {
    if (supplier === another) continue;
    for (const year of [PAST, YEAR]) expect((await sendAnswers(service, supplier, year, answersOf(n))).status).toBe(201);
  }
});
afterAll(() => service.close());

type Expected = Record<Caller, number>;

/** Every caller refused but the ones named, with 401 without a token. */
function only(allowed: Partial<Record<Caller, number>>, refused = 403): Expected {
  return Object.fromEntries(CALLERS.map((caller) => [caller, caller === "no token" ? 401 : (allowed[caller] ?? refused)])) as Expected;
}

interface Route {
  name: string;
  call(caller: Caller, phase: Phase): Promise<Response>;
  expected(phase: Phase): Expected;
  /** What the answer must say besides its status, for the callers it lets through. */
  check?(caller: Caller, response: Response, phase: Phase): Promise<void>;
}

type Phase = "before publication" | "after publication";
const phaseIndex = (phase: Phase) => (phase === "before publication" ? 0 : 1);

const call = (path: string, caller: Caller, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}, about?: LocalSupplier) => {
  const token = tokenOf(caller, about);
  return service.call(path, { ...init, ...(token ? { token } : {}) });
};

const purpose = "purpose=Check+the+roles+of+the+diversity+API";

const ROUTES: Route[] = [
  {
    name: "POST /api/diversity/campaigns",
    // A year of its own per phase, so the admin's opening is a new campaign each time.
    call: (caller, phase) => call("/api/diversity/campaigns", caller, { method: "POST", body: { year: YEAR + 1 + phaseIndex(phase), closesAt: daysFromNow(40) } }),
    expected: () => only({ admin: 201 }),
    check: async (_caller, response, phase) => {
      const view = (await response.json()) as CampaignView;
      expect(view).toMatchObject({ year: YEAR + 1 + phaseIndex(phase), status: "open", invited: suppliers.length, answered: 0, published: null });
    },
  },
  {
    name: "GET /api/diversity/campaigns",
    call: (caller) => call("/api/diversity/campaigns", caller),
    expected: () => only({ admin: 200, "edi-analyst": 200 }),
    check: async (_caller, response) => {
      const { items } = (await response.json()) as { items: CampaignView[] };
      expect(items.map((c) => c.year)).toEqual(expect.arrayContaining([PAST, YEAR]));
    },
  },
  {
    name: "POST /api/diversity/campaigns/:year/close",
    // Staff other than admins try this year's campaign (which must stay open); the admin closes the one opened in this phase.
    call: (caller, phase) => call(`/api/diversity/campaigns/${caller === "admin" ? YEAR + 1 + phaseIndex(phase) : YEAR}/close`, caller, { method: "POST", body: {} }),
    expected: () => only({ admin: 200 }),
    check: async (_caller, response) => {
      expect(((await response.json()) as CampaignView).status).toBe("closed");
    },
  },
  {
    name: "GET /api/diversity/campaigns/:year/links.csv",
    call: (caller) => call(`/api/diversity/campaigns/${YEAR}/links.csv?only=unanswered`, caller),
    expected: () => only({ admin: 200 }),
    check: async (_caller, response) => {
      expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment; *filename="?diversity-links-${YEAR}\\.csv"?`));
      // Only "another" has not answered this year: one link.
      const text = await response.text();
      expect(text).toContain(another.name);
      expect(text).not.toContain(own.name);
    },
  },
  {
    name: "GET /api/diversity/campaigns/:year/reminders",
    call: (caller) => call(`/api/diversity/campaigns/${YEAR}/reminders`, caller),
    expected: () => only({ admin: 200, "edi-analyst": 200 }),
    check: async (_caller, response) => {
      const { items } = (await response.json()) as { items: { supplierId: string }[] };
      expect(items.map((i) => i.supplierId)).toContain(another.id);
      expect(items.map((i) => i.supplierId)).not.toContain(own.id);
    },
  },
  {
    name: "POST /api/diversity/responses",
    // For the business requests are about: its own contact may; another business's contact reads it as not found.
    call: (caller) => call("/api/diversity/responses", caller, { method: "POST", body: { year: YEAR, supplierId: own.id, ...answersOf(0) } }),
    expected: () => only({ "supplier (own)": 201, "supplier (another's)": 404 }),
    check: async (caller, response) => {
      if (caller !== "supplier (own)") return;
      expect(await response.json()).toMatchObject({ year: YEAR, supplierId: own.id, replaced: true });
    },
  },
  {
    name: "GET /api/diversity/responses",
    call: (caller) => call(`/api/diversity/responses?${purpose}&year=${YEAR}&supplierId=${own.id}`, caller),
    // A supplier's contact gets its own business's answers, whatever it asks for.
    expected: () => only({ "supplier (own)": 200, "supplier (another's)": 200, "edi-analyst": 200 }),
    check: async (caller, response) => {
      const body = (await response.json()) as OwnAnswersExport | { items: { supplierId: string }[] };
      if (caller === "edi-analyst") {
        expect(((body as { items: { supplierId: string }[] }).items).map((i) => i.supplierId)).toEqual([own.id]);
        return;
      }
      const exported = body as OwnAnswersExport;
      expect(exported.supplierId).toBe(caller === "supplier (own)" ? own.id : another.id);
      if (caller === "supplier (another's)") expect(JSON.stringify(exported)).not.toContain(own.id);
      else expect(exported.responses.map((r) => r.year).sort()).toEqual([PAST, YEAR]);
    },
  },
  {
    name: "DELETE /api/diversity/responses",
    // A contact erases its own business's answers; another business's contact, naming a business that has
    // answers, erases only its own (none); the EDI analyst names the business and why.
    call: (caller, phase) => {
      const index = phaseIndex(phase);
      if (caller === "edi-analyst") return call(`/api/diversity/responses?supplierId=${erasedByAnalyst[index].id}&${purpose}`, caller, { method: "DELETE" });
      if (caller === "supplier (another's)") return call(`/api/diversity/responses?supplierId=${erasedByAnalyst[index].id}`, caller, { method: "DELETE" }, erasedByAnalyst[index]);
      return call(`/api/diversity/responses?supplierId=${erasedByOwn[index].id}`, caller, { method: "DELETE" }, erasedByOwn[index]);
    },
    expected: () => only({ "supplier (own)": 200, "supplier (another's)": 200, "edi-analyst": 200 }),
    check: async (caller, response, phase) => {
      const index = phaseIndex(phase);
      const { erased } = (await response.json()) as { erased: number };
      if (caller === "supplier (another's)") {
        expect(erased).toBe(0);
        expect((await readAnswers(service, staff.edi, { supplierId: erasedByAnalyst[index].id })).map((r) => r.year).sort()).toEqual([PAST, YEAR]);
        return;
      }
      // Two years' answers that count and the first revision of each: four rows.
      expect(erased).toBe(4);
      const target = caller === "edi-analyst" ? erasedByAnalyst[index] : erasedByOwn[index];
      expect(await readAnswers(service, staff.edi, { supplierId: target.id })).toEqual([]);
    },
  },
  {
    name: "GET /api/diversity/baseline",
    call: (caller) => call(`/api/diversity/baseline?year=${PAST}`, caller),
    expected: (phase) => (phase === "before publication" ? only({ "edi-analyst": 200 }) : only({ admin: 200, evaluator: 200, "contract-manager": 200, "edi-analyst": 200 })),
    check: async (_caller, response, phase) => {
      const view = (await response.json()) as BaselineView;
      expect(view.year).toBe(PAST);
      expect(view.published === null).toBe(phase === "before publication");
      expect(view.total).toBeGreaterThanOrEqual(6);
    },
  },
  {
    name: "POST /api/diversity/baseline/publish",
    call: (caller) => call("/api/diversity/baseline/publish", caller, { method: "POST", body: { year: PAST } }),
    // Before: last year's campaign is still open, so not even the analyst may publish it; after: publishing again keeps the first publication.
    expected: (phase) => only({ "edi-analyst": phase === "before publication" ? 422 : 200 }),
    check: async (_caller, response, phase) => {
      if (phase === "before publication") return;
      const view = (await response.json()) as BaselineView;
      expect(view.published).toEqual(published);
    },
  },
  {
    name: "GET /api/diversity/engagement",
    call: (caller) => call(`/api/diversity/engagement?${purpose}&year=${YEAR}&format=json`, caller),
    expected: () => only({ "edi-analyst": 200 }),
    check: async (_caller, response) => {
      const body = (await response.json()) as { rows?: { supplierId: string }[]; items?: { supplierId: string }[] };
      const rows = body.rows ?? body.items ?? [];
      // answersOf(0) consents to contact; "another" has not answered.
      expect(rows.map((r) => r.supplierId)).toContain(own.id);
      expect(rows.map((r) => r.supplierId)).not.toContain(another.id);
    },
  },
  {
    name: "GET /api/diversity/audit",
    call: (caller) => call("/api/diversity/audit", caller),
    expected: () => only({ admin: 200, "edi-analyst": 200 }),
    check: async (_caller, response) => {
      const { items } = (await response.json()) as { items: { action: string }[] };
      expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(["open-campaign", "read-responses"]));
    },
  },
  {
    name: "POST /api/admin/diversity/retention/run",
    call: (caller) => call("/api/admin/diversity/retention/run", caller, { method: "POST", body: {} }),
    expected: () => only({ admin: 200 }),
    check: async (_caller, response) => {
      // Nothing is three years old: nothing goes.
      expect(await response.json()).toMatchObject({ deleted: 0 });
    },
  },
];

/** Last year's publication, as first made. */
let published: { at: string; by: string } | null = null;

function phaseTests(phase: Phase): void {
  describe(phase, () => {
    for (const route of ROUTES) {
      describe(route.name, () => {
        for (const caller of CALLERS) {
          const status = route.expected(phase)[caller];
          it(`${caller}: ${status}`, async () => {
            const response = await route.call(caller, phase);
            const text = await response.clone().text();
            expect(response.status, text).toBe(status);
            if (status >= 400) {
              // Refusals are problems in words, never a stack or an empty body.
              expect(response.headers.get("content-type")).toMatch(/json/);
              expect(((await response.json()) as { detail?: string }).detail).toMatch(/\w+ \w+/);
            } else await route.check?.(caller, response, phase);
          });
        }
      });
    }
  });
}

phaseTests("before publication");

describe("between the phases", () => {
  it("nothing refused above changed anything: this year's campaign is open, last year's is not published", async () => {
    const { items } = (await (await service.call("/api/diversity/campaigns", { token: staff.admin })).json()) as { items: CampaignView[] };
    expect(items.find((c) => c.year === YEAR)?.status).toBe("open");
    expect(items.find((c) => c.year === PAST)).toMatchObject({ status: "open", published: null });
    expect((await readAnswers(service, staff.edi, { supplierId: own.id })).map((r) => [r.year, r.revision]).sort()).toEqual([[PAST, 1], [YEAR, 2]]);
  });

  it("the admin closes last year's campaign and the EDI analyst publishes its baseline", async () => {
    const closed = await service.call(`/api/diversity/campaigns/${PAST}/close`, { method: "POST", token: staff.admin, body: {} });
    expect(closed.status).toBe(200);
    const publishing = await service.call("/api/diversity/baseline/publish", { method: "POST", token: staff.edi, body: { year: PAST } });
    expect(publishing.status, await publishing.clone().text()).toBe(200);
    const view = (await publishing.json()) as BaselineView;
    expect(view.published?.at).toBeTruthy();
    published = view.published;
    expect(await baselineOf(service, staff.admin, PAST)).toMatchObject({ year: PAST, published });
  });

  it("a supplier's contact cannot answer last year's closed campaign any more (422), and nothing is stored", async () => {
    const before = await readAnswers(service, staff.edi, { supplierId: own.id, year: PAST });
    const response = await sendAnswers(service, own, PAST, answersOf(3));
    expect(response.status).toBe(422);
    expect(await readAnswers(service, staff.edi, { supplierId: own.id, year: PAST })).toEqual(before);
  });

  it("answers sent again with the same Idempotency-Key are answered 200 with the first, and stored once", async () => {
    const revision = async () => (await readAnswers(service, staff.edi, { supplierId: own.id, year: YEAR }))[0]?.revision ?? 0;
    const before = await revision();
    const key = `roles-${crypto.randomUUID()}`;
    const sent = await sendAnswers(service, own, YEAR, answersOf(0), key);
    expect(sent.status).toBe(201);
    const first = (await sent.json()) as { revision: number; submittedAt: string };
    expect(first.revision).toBe(before + 1);
    const again = await sendAnswers(service, own, YEAR, answersOf(0), key);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ revision: first.revision, submittedAt: first.submittedAt });
    expect(await revision()).toBe(before + 1);
  });

  it("an EDI analyst reading answers without a purpose is refused, naming the purpose (400)", async () => {
    const response = await service.call(`/api/diversity/responses?year=${YEAR}`, { token: staff.edi });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toContain("purpose");
  });
});

phaseTests("after publication");
