// The council's service areas: the list every contract's area is chosen from, added to by
// procurement only, and checked on every contract created or changed. The default list is not
// assumed here: each test adds the areas it uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let admin: string;
let supplierId: string;

interface Problem {
  detail: string;
  errors?: { field: string; message: string }[];
}

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin");
  const supplier = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Wyken Waste Solutions Ltd", postcode: "CV2 3DQ", employees: 96, turnover: 14_700_000, balanceSheet: 8_800_000 } });
  supplierId = ((await supplier.json()) as { id: string }).id;
});
afterAll(() => service.close());

/** A service area no default list holds. */
const uniqueArea = () => `Test Directorate ${crypto.randomUUID().slice(0, 8)}`;

const addArea = (name: string, token = admin) => service.call("/api/service-areas", { method: "POST", token, body: { name } });
const listAreas = async (token = admin) => ((await (await service.call("/api/service-areas", { token })).json()) as { items: string[] }).items;

const contract = (overrides: Record<string, unknown>) => ({
  reference: `CCC-SA-${crypto.randomUUID().slice(0, 8)}`,
  title: "Household waste collection",
  supplierId,
  category: "services",
  value: 12_600_000,
  startDate: "2025-04-01",
  endDate: "2032-03-31",
  managerId: "tom.brennan",
  ...overrides,
});
const postContract = (body: unknown) => service.call("/api/contracts", { method: "POST", token: admin, body });

describe("the list of service areas", () => {
  it("holds an area once a procurement officer adds it, sorted by name, for staff and suppliers alike", async () => {
    const later = `Zz ${uniqueArea()}`;
    const earlier = `Aa ${uniqueArea()}`;
    expect(await listAreas()).not.toContain(later);
    const added = await addArea(later);
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ name: later });
    expect((await addArea(earlier)).status).toBe(201);

    const supplierContact = await service.token("leanne.ford", "supplier", { supplierId });
    for (const token of [admin, await service.token("tom.brennan", "contract-manager"), await service.token("eve", "evaluator"), supplierContact]) {
      const items = await listAreas(token);
      expect(items.indexOf(earlier)).toBeGreaterThanOrEqual(0);
      expect(items.indexOf(later)).toBeGreaterThan(items.indexOf(earlier));
    }
    expect((await service.call("/api/service-areas")).status).toBe(401);
  });

  it("refuses an area already there, in any case, with 409", async () => {
    const name = uniqueArea();
    expect((await addArea(name)).status).toBe(201);
    const again = await addArea(name.toUpperCase());
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).errors).toEqual([{ field: "name", message: "is already a service area" }]);
    expect((await listAreas()).filter((area) => area.toLowerCase() === name.toLowerCase())).toEqual([name]);
  });

  it("lets only procurement officers add one", async () => {
    const name = uniqueArea();
    for (const role of ["contract-manager", "evaluator", "edi-analyst"] as const) {
      expect((await addArea(name, await service.token("someone", role))).status).toBe(403);
    }
    expect((await addArea(name, await service.token("leanne.ford", "supplier", { supplierId }))).status).toBe(403);
    expect(await listAreas()).not.toContain(name);
  });

  it("names the field of a name missing or too long", async () => {
    const missing = await service.call("/api/service-areas", { method: "POST", token: admin, body: { name: "  " } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Problem).errors).toEqual([{ field: "name", message: "is required" }]);
    const long = await addArea("x".repeat(101));
    expect(((await long.json()) as Problem).errors).toEqual([{ field: "name", message: "must be at most 100 characters" }]);
  });
});

describe("a contract's service area", () => {
  it("is required, naming the field", async () => {
    const response = await postContract(contract({}));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors).toEqual([{ field: "serviceArea", message: "is required" }]);
  });

  it("must be one of the council's service areas; once a procurement officer adds it, it is accepted", async () => {
    const area = uniqueArea();
    const refused = await postContract(contract({ serviceArea: area }));
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors?.map((e) => e.field)).toEqual(["serviceArea"]);
    expect(problem.errors?.[0]?.message).toMatch(/^must be one of the council's service areas[:,] .*a procurement officer can add one$/);
    expect(problem.detail).toContain("serviceArea must be one of the council's service areas");

    expect((await addArea(area)).status).toBe(201);
    const listed = await listAreas();
    expect(listed).toContain(area);
    // The refusal lists what can be chosen now.
    const other = (await (await postContract(contract({ serviceArea: uniqueArea() }))).json()) as Problem;
    expect(other.errors?.[0]?.message).toContain(area);

    // Written in another case, it is stored as the list spells it.
    const accepted = await postContract(contract({ serviceArea: ` ${area.toLowerCase()} ` }));
    expect(accepted.status).toBe(201);
    const body = (await accepted.json()) as { id: string; serviceArea: string };
    expect(body.serviceArea).toBe(area);
    expect(((await (await service.call(`/api/contracts/${body.id}`, { token: admin })).json()) as { serviceArea: string }).serviceArea).toBe(area);
  });

  it("is checked again when a change names another one", async () => {
    const [first, second] = [uniqueArea(), uniqueArea()];
    for (const name of [first, second]) expect((await addArea(name)).status).toBe(201);
    const created = await postContract(contract({ serviceArea: first }));
    const { id } = (await created.json()) as { id: string };
    const manager = await service.token("tom.brennan", "contract-manager");
    const refused = await service.call(`/api/contracts/${id}`, { method: "PATCH", token: manager, body: { serviceArea: "Parks" }, headers: { "if-match": created.headers.get("etag") as string } });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Problem).errors?.map((e) => e.field)).toEqual(["serviceArea"]);
    const moved = await service.call(`/api/contracts/${id}`, { method: "PATCH", token: manager, body: { serviceArea: second }, headers: { "if-match": created.headers.get("etag") as string } });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { serviceArea: string }).serviceArea).toBe(second);
  });

  it("reads as null on a contract stored before service areas were recorded", async () => {
    const { id } = await service.storage.contracts.create({ reference: `CCC-OLD-${crypto.randomUUID().slice(0, 8)}`, title: "Street lighting", supplierId, category: "works", value: 400_000, startDate: "2019-04-01", endDate: "2029-03-31", managerId: "james.whitfield" });
    const read = (await (await service.call(`/api/contracts/${id}`, { token: admin })).json()) as { serviceArea: unknown };
    expect(read.serviceArea).toBeNull();
  });
});

describe("a contract's KPI exemption reason", () => {
  const reason = "A framework agreement: KPIs are set on each call-off contract.";

  it("is recorded by a procurement officer, and cleared with empty text", async () => {
    const area = uniqueArea();
    expect((await addArea(area)).status).toBe(201);
    const created = await postContract(contract({ serviceArea: area, kpiExemptionReason: ` ${reason} ` }));
    expect(created.status).toBe(201);
    const { id, kpiExemptionReason } = (await created.json()) as { id: string; kpiExemptionReason: string };
    expect(kpiExemptionReason).toBe(reason);
    const cleared = await service.call(`/api/contracts/${id}`, { method: "PATCH", token: admin, body: { kpiExemptionReason: "" }, headers: { "if-match": created.headers.get("etag") as string } });
    expect(cleared.status).toBe(200);
    const read = (await (await service.call(`/api/contracts/${id}`, { token: admin })).json()) as Record<string, unknown>;
    expect(read).not.toHaveProperty("kpiExemptionReason");
    expect((await postContract(contract({ serviceArea: area, kpiExemptionReason: "x".repeat(2001) }))).status).toBe(400);
  });

  it("cannot be set by the contract's manager (403)", async () => {
    const area = uniqueArea();
    expect((await addArea(area)).status).toBe(201);
    const created = await postContract(contract({ serviceArea: area }));
    const { id } = (await created.json()) as { id: string };
    const manager = await service.token("tom.brennan", "contract-manager");
    const refused = await service.call(`/api/contracts/${id}`, { method: "PATCH", token: manager, body: { kpiExemptionReason: reason }, headers: { "if-match": created.headers.get("etag") as string } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Problem).detail).toContain("kpiExemptionReason");
    const read = (await (await service.call(`/api/contracts/${id}`, { token: admin })).json()) as Record<string, unknown>;
    expect(read).not.toHaveProperty("kpiExemptionReason");
  });
});
