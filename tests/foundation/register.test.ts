import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

let service: TestService;
let admin: string;

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin", { name: "Rob Amor" });
  await ensureServiceArea(service, admin);
});
afterAll(() => service.close());

const supplier = (overrides: Record<string, unknown> = {}) => ({
  name: "Foleshill Facilities Ltd",
  postcode: "cv6 5nx",
  employees: 38,
  turnover: 4_200_000,
  balanceSheet: 1_900_000,
  ...overrides,
});

async function createSupplier(overrides: Record<string, unknown> = {}) {
  const response = await service.call("/api/suppliers", { method: "POST", token: admin, body: supplier(overrides) });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; sizeBand: string; local: boolean; postcode: string; sme: boolean };
}

const contract = (supplierId: string, overrides: Record<string, unknown> = {}) => ({
  reference: `CCC-TEST-${crypto.randomUUID().slice(0, 8)}`,
  title: "Parks grounds maintenance",
  supplierId,
  category: "services",
  value: 2_300_000,
  startDate: "2025-03-01",
  endDate: "2029-02-28",
  managerId: "tom.brennan",
  serviceArea: TEST_SERVICE_AREA,
  ...overrides,
});

async function createContract(supplierId: string, overrides: Record<string, unknown> = {}) {
  const response = await service.call("/api/contracts", { method: "POST", token: admin, body: contract(supplierId, overrides) });
  expect(response.status).toBe(201);
  return { body: (await response.json()) as { id: string; reference: string; title: string; status: string; kpisRequired: boolean }, etag: response.headers.get("etag") as string };
}

describe("suppliers", () => {
  it("derives the size band from the council's table and locality from the postcode", async () => {
    // 38 staff, £4.2m turnover: not micro (needs < 10 staff), small (< 50 staff and turnover <= £10m).
    expect(await createSupplier()).toMatchObject({ sizeBand: "small", local: true, postcode: "CV6 5NX", sme: true });
    expect(await createSupplier({ employees: 9, turnover: 3_000_000, balanceSheet: 1_500_000, postcode: "CV1 3BH" })).toMatchObject({ sizeBand: "micro", local: true });
    expect(await createSupplier({ employees: 49, turnover: 25_000_000, balanceSheet: 12_000_000, postcode: "CV8 1DU" })).toMatchObject({ sizeBand: "medium", local: false });
    expect(await createSupplier({ employees: 250, turnover: 1_000_000, balanceSheet: 1_000_000, postcode: "M1 4BT" })).toMatchObject({ sizeBand: "large", local: false, sme: false });
  });

  it("names every field at fault and stores nothing", async () => {
    const response = await service.call("/api/suppliers", { method: "POST", token: admin, body: supplier({ postcode: "Coventry", employees: -1, name: undefined }) });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as { errors: { field: string; message: string }[]; detail: string };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["employees", "name", "postcode"]);
    expect(problem.detail).toContain("postcode");
  });

  it("lets only procurement officers add suppliers", async () => {
    const manager = await service.token("tom.brennan", "contract-manager");
    expect((await service.call("/api/suppliers", { method: "POST", token: manager, body: supplier() })).status).toBe(403);
  });

  it("links contacts once per email and refuses a second supplier for the same Entra user", async () => {
    const a = await createSupplier();
    const b = await createSupplier({ name: "Spon End Print Co" });
    const oid = crypto.randomUUID();
    const first = await service.call(`/api/suppliers/${a.id}/contacts`, { method: "POST", token: admin, body: { email: "Hannah.Price@Example.com", name: "Hannah Price", aadObjectId: oid } });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ email: "hannah.price@example.com", supplierId: a.id });
    expect((await service.call(`/api/suppliers/${a.id}/contacts`, { method: "POST", token: admin, body: { email: "hannah.price@example.com", name: "H Price" } })).status).toBe(409);
    expect((await service.call(`/api/suppliers/${b.id}/contacts`, { method: "POST", token: admin, body: { email: "hp@example.com", name: "H Price", aadObjectId: oid } })).status).toBe(409);
    const contacts = (await (await service.call(`/api/suppliers/${a.id}/contacts`, { token: admin })).json()) as { items: unknown[] };
    expect(contacts.items).toHaveLength(1);
    expect((await service.call(`/api/suppliers/${crypto.randomUUID()}/contacts`, { method: "POST", token: admin, body: { email: "x@example.com", name: "X" } })).status).toBe(404);
  });

  it("shows a supplier contact only their own supplier, and EDI analysts none", async () => {
    const own = await createSupplier({ name: "Own Ltd" });
    const other = await createSupplier({ name: "Other Ltd" });
    const contact = await service.token("contact-1", "supplier", { supplierId: own.id });
    const list = (await (await service.call("/api/suppliers", { token: contact })).json()) as { items: { id: string }[] };
    expect(list.items.map((s) => s.id)).toEqual([own.id]);
    expect((await service.call(`/api/suppliers/${other.id}`, { token: contact })).status).toBe(404);
    expect((await service.call(`/api/suppliers/${own.id}`, { token: contact })).status).toBe(200);
    expect((await service.call("/api/suppliers", { token: await service.token("edi", "edi-analyst") })).status).toBe(403);
  });
});

describe("contracts", () => {
  it("creates a contract and reads it back with an ETag", async () => {
    const s = await createSupplier();
    const { body, etag } = await createContract(s.id, { value: 7_400_000 });
    expect(etag).toBeTruthy();
    const read = await service.call(`/api/contracts/${body.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(etag);
    expect(await read.json()).toMatchObject({ title: "Parks grounds maintenance", supplierId: s.id, kpisRequired: true });
  });

  it("refuses a contract whose supplier is not registered, or whose end precedes its start", async () => {
    const missing = await service.call("/api/contracts", { method: "POST", token: admin, body: contract(crypto.randomUUID()) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("supplierId");
    const s = await createSupplier();
    const backwards = await service.call("/api/contracts", { method: "POST", token: admin, body: contract(s.id, { startDate: "2026-01-01", endDate: "2025-12-31" }) });
    expect(((await backwards.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("endDate");
  });

  it("refuses a second contract with the same reference", async () => {
    const s = await createSupplier();
    const { body } = await createContract(s.id);
    const again = await service.call("/api/contracts", { method: "POST", token: admin, body: contract(s.id, { reference: body.reference.toLowerCase() }) });
    expect(again.status).toBe(409);
  });

  it("answers 412 to a PATCH with a stale If-Match and changes nothing", async () => {
    const s = await createSupplier();
    const { body, etag } = await createContract(s.id);
    const first = await service.call(`/api/contracts/${body.id}`, { method: "PATCH", token: admin, body: { title: "Parks and open spaces maintenance" }, headers: { "if-match": etag } });
    expect(first.status).toBe(200);
    const fresh = first.headers.get("etag");
    expect(fresh).not.toBe(etag);

    const stale = await service.call(`/api/contracts/${body.id}`, { method: "PATCH", token: admin, body: { title: "Overwritten" }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const after = await service.call(`/api/contracts/${body.id}`, { token: admin });
    expect(((await after.json()) as { title: string }).title).toBe("Parks and open spaces maintenance");
    expect(after.headers.get("etag")).toBe(fresh);

    const without = await service.call(`/api/contracts/${body.id}`, { method: "PATCH", token: admin, body: { title: "No ETag" } });
    expect(without.status).toBe(428);
  });

  it("moves the reference claim when the reference changes", async () => {
    const s = await createSupplier();
    const a = await createContract(s.id);
    const b = await createContract(s.id);
    const clash = await service.call(`/api/contracts/${a.body.id}`, { method: "PATCH", token: admin, body: { reference: b.body.reference }, headers: { "if-match": a.etag } });
    expect(clash.status).toBe(409);
    const renamed = await service.call(`/api/contracts/${a.body.id}`, { method: "PATCH", token: admin, body: { reference: "CCC-RENAMED-1" }, headers: { "if-match": a.etag } });
    expect(renamed.status).toBe(200);
    // The old reference is free again.
    await createContract(s.id, { reference: a.body.reference });
  });

  it("lets a contract manager change their own contracts, but not who or what it is worth", async () => {
    const s = await createSupplier();
    const mine = await createContract(s.id, { managerId: "priya.sandhu" });
    const theirs = await createContract(s.id, { managerId: "someone.else" });
    const priya = await service.token("priya.sandhu", "contract-manager");
    const ok = await service.call(`/api/contracts/${mine.body.id}`, { method: "PATCH", token: priya, body: { description: "Reviewed" }, headers: { "if-match": mine.etag } });
    expect(ok.status).toBe(200);
    const worth = await service.call(`/api/contracts/${mine.body.id}`, { method: "PATCH", token: priya, body: { value: 1 }, headers: { "if-match": ok.headers.get("etag") as string } });
    expect(worth.status).toBe(403);
    expect((await service.call(`/api/contracts/${theirs.body.id}`, { method: "PATCH", token: priya, body: { description: "x" }, headers: { "if-match": theirs.etag } })).status).toBe(404);
    const list = (await (await service.call("/api/contracts", { token: priya })).json()) as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).toEqual([mine.body.id]);
  });

  it("never shows a supplier another supplier's contract", async () => {
    const a = await createSupplier({ name: "Supplier A" });
    const b = await createSupplier({ name: "Supplier B" });
    const ofA = await createContract(a.id);
    const ofB = await createContract(b.id);
    const contactA = await service.token("contact-a", "supplier", { supplierId: a.id });
    expect((await service.call(`/api/contracts/${ofB.body.id}`, { token: contactA })).status).toBe(404);
    expect((await service.call(`/api/contracts/${ofA.body.id}`, { token: contactA })).status).toBe(200);
    // Asking for B's contracts by filter still returns only A's.
    const list = (await (await service.call(`/api/contracts?supplierId=${b.id}`, { token: contactA })).json()) as { items: { id: string; supplierId: string }[] };
    expect(list.items.map((c) => c.id)).toEqual([ofA.body.id]);
    expect((await service.call(`/api/contracts/${ofA.body.id}`, { method: "PATCH", token: contactA, body: { title: "x" }, headers: { "if-match": ofA.etag } })).status).toBe(403);
  });

  it("pages through contracts with a cursor and filters by category and status", async () => {
    const s = await createSupplier({ name: "Paging Ltd" });
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await createContract(s.id, { category: "works", startDate: "2020-01-01", endDate: "2021-01-01" })).body.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await service.call(`/api/contracts?supplierId=${s.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { token: admin });
      const page = (await response.json()) as { items: { id: string; status: string; category: string }[]; nextCursor?: string };
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(new Set(seen)).toEqual(ids);
    expect(pages).toBeGreaterThanOrEqual(3);
    const ended = (await (await service.call(`/api/contracts?supplierId=${s.id}&status=ended&category=works`, { token: admin })).json()) as { items: unknown[] };
    expect(ended.items).toHaveLength(5);
    const active = (await (await service.call(`/api/contracts?supplierId=${s.id}&status=active`, { token: admin })).json()) as { items: unknown[] };
    expect(active.items).toHaveLength(0);
    const bad = await service.call("/api/contracts?category=food", { token: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("category");
  });

  it("answers 400 naming the cursor when it is not one the list gave out, and 404 to an id no contract could have", async () => {
    const bad = await service.call("/api/contracts?cursor=not-a-cursor", { token: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("cursor");
    expect((await service.call("/api/suppliers?cursor=garbage", { token: admin })).status).toBe(400);
    expect((await service.call("/api/contracts/a%2Fb", { token: admin })).status).toBe(404);
    expect((await service.call("/api/suppliers/a%2Fb", { token: admin })).status).toBe(404);
  });

  it("answers 415 to a body that is not JSON, before reading it", async () => {
    const response = await fetch(`${service.url}/api/contracts`, { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": "text/plain" }, body: "x".repeat(2_000_000) });
    expect(response.status).toBe(415);
  });

  it("answers 413 to a body over 1 MB and 400 to JSON that does not parse", async () => {
    const big = JSON.stringify({ title: "x".repeat(1_100_000) });
    expect((await service.call("/api/contracts", { method: "POST", token: admin, body: big })).status).toBe(413);
    const broken = await service.call("/api/contracts", { method: "POST", token: admin, body: "{not json" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { detail: string }).detail).toMatch(/not valid JSON/);
  });
});

describe("the service", () => {
  it("answers the health check when storage answers", async () => {
    const response = await service.call("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", storage: "ok" });
  });

  it("answers unknown API routes with a problem, after sign-in", async () => {
    expect((await service.call("/api/nothing-here")).status).toBe(401);
    const response = await service.call("/api/nothing-here", { token: admin });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
