// Erasure and retention of diversity answers against the real service: a business erases its answers (signed in, or through its link) or an EDI analyst erases them for it, and every row goes, the baseline counts one business fewer and the audit says who did it; three years on, the retention run deletes what is older than three years and keeps what is newer.
import { odata } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableKey } from "@toms/storage";
import {
  addLocalSuppliers,
  answersOf,
  auditLog,
  baselineOf,
  daysFromNow,
  formLinks,
  formPost,
  openCampaign,
  pageText,
  readAnswers,
  sendAnswers,
  staffTokens,
  type LocalSupplier,
  type StaffTokens,
} from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";

/**
 * The test service in tables named by `prefix`, with its clock at `now`, so that two services share
 * tables, the second three years later. Its tokens last four years, so that the later clock still
 * finds them current.
 */
function startDiversityService(prefix: string, now?: Date): Promise<TestService> {
  return startTestService({ TOMS_TABLE_PREFIX: prefix, TOMS_DIVERSITY_THRESHOLD: "3" }, undefined, { ...(now ? { now } : {}), tokenLifetime: 4 * 366 * 86_400 });
}

/** The tables both services use. */
const PREFIX = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
const YEAR = new Date().getUTCFullYear();
const RESPONSES_TABLE = "DiversityResponses";

let service: TestService;
let staff: StaffTokens;
let suppliers: LocalSupplier[];
let links: Map<string, string>;

beforeAll(async () => {
  service = await startDiversityService(PREFIX);
  staff = await staffTokens(service);
  suppliers = await addLocalSuppliers(service, staff.admin, 10, "Erasure");
  await openCampaign(service, staff.admin, YEAR, daysFromNow(60));
  // Issued before they answer: a business that has answered gets no new link.
  links = await formLinks(service, staff.admin, YEAR);
  for (const [n, supplier] of suppliers.entries()) expect((await sendAnswers(service, supplier, YEAR, answersOf(n))).status).toBe(201);
  // The first business answers a second time: its history has two rows.
  expect((await sendAnswers(service, suppliers[0] as LocalSupplier, YEAR, answersOf(1))).status).toBe(201);
});
afterAll(() => service.close());

/** Every row the business has in the responses table: answers that count, revisions and drafts. */
async function rowsOf(supplierId: string, on: TestService = service) {
  return on.storage.store.all(RESPONSES_TABLE, odata`PartitionKey eq ${tableKey(supplierId)}`);
}

async function total(): Promise<number> {
  return (await baselineOf(service, staff.edi, YEAR)).total;
}

/** The audit line of one action on one business, made since `since`. */
async function auditOf(action: string, supplierId: string, since: string) {
  return (await auditLog(service, staff.edi)).filter((e) => e.action === action && e.supplierIds.includes(supplierId) && e.at >= since);
}

describe("erasure", () => {
  it("a business erases its answers signed in: every row goes, the baseline counts one fewer, and the audit names who and when, without the answers", async () => {
    const [supplier] = suppliers as [LocalSupplier];
    expect((await rowsOf(supplier.id)).map((r) => r.rowKey).sort()).toEqual([`current-${YEAR}`, `revision-${YEAR}-0001`, `revision-${YEAR}-0002`]);
    const before = await total();
    expect(before).toBe(suppliers.length);
    const since = new Date().toISOString();

    const response = await service.call("/api/diversity/responses", { method: "DELETE", token: supplier.token });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ erased: 3 });

    expect(await rowsOf(supplier.id)).toEqual([]);
    expect(await readAnswers(service, staff.edi, { supplierId: supplier.id })).toEqual([]);
    expect(await total()).toBe(before - 1);
    const { items } = (await (await service.call("/api/diversity/campaigns", { token: staff.admin })).json()) as { items: { year: number; answered: number }[] };
    expect(items.find((c) => c.year === YEAR)?.answered).toBe(before - 1);

    const [entry, ...more] = await auditOf("erase", supplier.id, since);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ action: "erase", actor: supplier.contactEmail, supplierIds: [supplier.id] });
    expect(entry?.purpose).toMatch(/\w+ \w+/);
    // The audit says that answers were erased, never what they were.
    expect(JSON.stringify(entry)).not.toMatch(/womenOwned|ethnicMinorityOwned|tender-complexity/);
  });

  it("erasing again finds nothing to erase (0), and still records the request", async () => {
    const [supplier] = suppliers as [LocalSupplier];
    const since = new Date().toISOString();
    const response = await service.call("/api/diversity/responses", { method: "DELETE", token: supplier.token });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ erased: 0 });
    expect(await auditOf("erase", supplier.id, since)).toHaveLength(1);
  });

  it("a business erases its answers through its form link (confirm=yes): the deleted page, rows gone, one fewer counted, audited", async () => {
    const supplier = suppliers[1] as LocalSupplier;
    const before = await total();
    const since = new Date().toISOString();
    const link = links.get(supplier.name) as string;
    const response = await fetch(`${service.url}${new URL(link).pathname}/erase`, formPost({ confirm: "yes" }));
    expect(response.status).toBe(200);
    expect(pageText(await response.text())).toMatch(/deleted/i);
    expect(await rowsOf(supplier.id)).toEqual([]);
    expect(await total()).toBe(before - 1);
    expect(await auditOf("erase", supplier.id, since)).toHaveLength(1);
  });

  it("through the link without confirming, nothing is erased", async () => {
    const supplier = suppliers[2] as LocalSupplier;
    const link = links.get(supplier.name) as string;
    const response = await fetch(`${service.url}${new URL(link).pathname}/erase`, formPost({}));
    expect(response.status).not.toBe(500);
    expect(await rowsOf(supplier.id)).toHaveLength(2);
    expect(await readAnswers(service, staff.edi, { supplierId: supplier.id })).toHaveLength(1);
  });

  it("an EDI analyst erases a business's answers for it, with a purpose: rows gone, one fewer counted, audited with the purpose", async () => {
    const supplier = suppliers[3] as LocalSupplier;
    const before = await total();
    const since = new Date().toISOString();
    const purpose = "The business asked us by email to delete its answers";
    const refused = await service.call(`/api/diversity/responses?supplierId=${supplier.id}`, { method: "DELETE", token: staff.edi });
    expect(refused.status).toBe(400);
    expect(await rowsOf(supplier.id)).toHaveLength(2);

    const response = await service.call(`/api/diversity/responses?supplierId=${supplier.id}&purpose=${encodeURIComponent(purpose)}`, { method: "DELETE", token: staff.edi });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toEqual({ erased: 2 });
    expect(await rowsOf(supplier.id)).toEqual([]);
    expect(await total()).toBe(before - 1);
    expect(await auditOf("erase", supplier.id, since)).toMatchObject([{ actor: "eddie.analyst", purpose }]);
  });

  it("an admin cannot erase a business's answers (403), and nothing goes", async () => {
    const supplier = suppliers[4] as LocalSupplier;
    const response = await service.call(`/api/diversity/responses?supplierId=${supplier.id}&purpose=Tidy+up+the+answers`, { method: "DELETE", token: staff.admin });
    expect(response.status).toBe(403);
    expect(await rowsOf(supplier.id)).toHaveLength(2);
  });

  it("a business that erased its answers can answer again while the questionnaire is open", async () => {
    const [supplier] = suppliers as [LocalSupplier];
    const before = await total();
    expect((await sendAnswers(service, supplier, YEAR, answersOf(5))).status).toBe(201);
    expect((await readAnswers(service, staff.edi, { supplierId: supplier.id })).map((r) => r.revision)).toEqual([1]);
    expect(await total()).toBe(before + 1);
  });
});

describe("retention", () => {
  /** The same tables, served three years and two days later. */
  let later: TestService;
  let laterAdmin: string;
  let laterEdi: string;
  let laterSupplier: string;
  const threeYearsOn = new Date(Date.now() + (3 * 365 + 2) * 86_400_000);
  /** What was stored before the jump. */
  let storedBefore: number;

  beforeAll(async () => {
    storedBefore = (await readAnswers(service, staff.edi, { year: YEAR })).length;
    later = await startDiversityService(PREFIX, threeYearsOn);
    laterAdmin = await later.token("rob.amor", "admin");
    laterEdi = await later.token("eddie.analyst", "edi-analyst");
    const kept = suppliers[5] as LocalSupplier;
    laterSupplier = await later.token(kept.contactEmail, "supplier", { supplierId: kept.id });
  });
  afterAll(() => later?.close());

  const callLater = (path: string, init: { method?: string; token: string; body?: unknown }) => later.call(path, init);

  async function laterAnswers(query: string): Promise<{ supplierId: string; year: number }[]> {
    const response = await callLater(`/api/diversity/responses?purpose=Check+what+retention+left&${query}`, { token: laterEdi });
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { items: { supplierId: string; year: number }[] }).items;
  }

  it("only an admin may run it (403 for the EDI analyst), and nothing goes", async () => {
    const response = await callLater("/api/admin/diversity/retention/run", { method: "POST", token: laterEdi, body: {} });
    expect(response.status).toBe(403);
    expect(await laterAnswers(`year=${YEAR}`)).toHaveLength(storedBefore);
  });

  it("three years on, it deletes every answer older than three years, keeps a newer one, and the audit names the businesses", async () => {
    expect(storedBefore).toBeGreaterThan(5);
    // A campaign of three years on, answered then: newer than the cut-off.
    const opened = await callLater("/api/diversity/campaigns", { method: "POST", token: laterAdmin, body: { year: threeYearsOn.getUTCFullYear(), closesAt: daysFromNow(30, threeYearsOn) } });
    expect(opened.status, await opened.clone().text()).toBe(201);
    const kept = suppliers[5] as LocalSupplier;
    const sent = await callLater("/api/diversity/responses", { method: "POST", token: laterSupplier, body: { year: threeYearsOn.getUTCFullYear(), supplierId: kept.id, ...answersOf(2) } });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const rowsBefore = (await Promise.all(suppliers.map((s) => rowsOf(s.id, later)))).flat().filter((r) => String(r.rowKey).includes(String(YEAR)));

    const run = await callLater("/api/admin/diversity/retention/run", { method: "POST", token: laterAdmin, body: {} });
    expect(run.status, await run.clone().text()).toBe(200);
    const result = (await run.json()) as { deleted: number; before: string };
    expect(result.deleted).toBe(rowsBefore.length);
    const cutoff = new Date(threeYearsOn);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 3);
    expect(result.before).toBe(cutoff.toISOString());

    expect(await laterAnswers(`year=${YEAR}`)).toEqual([]);
    for (const supplier of suppliers) expect((await rowsOf(supplier.id, later)).filter((r) => String(r.rowKey).includes(`-${YEAR}`))).toEqual([]);
    expect((await laterAnswers(`year=${threeYearsOn.getUTCFullYear()}`)).map((r) => r.supplierId)).toEqual([kept.id]);
    expect((await rowsOf(kept.id, later)).map((r) => r.rowKey).sort()).toEqual([`current-${threeYearsOn.getUTCFullYear()}`, `revision-${threeYearsOn.getUTCFullYear()}-0001`]);

    const audit = await callLater("/api/diversity/audit?from=2000-01-01", { token: laterEdi });
    const retention = ((await audit.json()) as { items: { action: string; supplierIds: string[]; at: string }[] }).items.filter((e) => e.action === "retention");
    expect(retention).toHaveLength(1);
    expect(retention[0]?.at).toBe(threeYearsOn.toISOString());
    expect(new Set(retention[0]?.supplierIds)).toEqual(new Set(rowsBefore.map((r) => suppliers.find((s) => tableKey(s.id) === r.partitionKey)?.id)));
    // The audit is kept: the erasures of three years before are still there.
    const all = ((await (await callLater("/api/diversity/audit?from=2000-01-01", { token: laterEdi })).json()) as { items: { action: string }[] }).items;
    expect(all.some((e) => e.action === "erase")).toBe(true);
  });

  it("run again at once, it finds nothing more to delete", async () => {
    const run = await callLater("/api/admin/diversity/retention/run", { method: "POST", token: laterAdmin, body: {} });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ deleted: 0 });
  });
});
