// Requests that cannot be done get a 400 that says what is wrong: a field of the wrong type is
// named with its schema's words (not "is required"), and a malformed %-escape is not a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

let service: TestService;
let admin: string;
let supplierId: string;

const supplier = { name: "Foleshill Facilities Ltd", postcode: "CV6 5NX", employees: 38, turnover: 4_200_000, balanceSheet: 1_900_000 };
const contract = () => ({ reference: `BAD-${crypto.randomUUID().slice(0, 8)}`, title: "Parks grounds maintenance", supplierId, category: "services", value: 2_300_000, startDate: "2025-03-01", endDate: "2029-02-28", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA });

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin");
  await ensureServiceArea(service, admin);
  const created = await service.call("/api/suppliers", { method: "POST", token: admin, body: supplier });
  supplierId = ((await created.json()) as { id: string }).id;
});
afterAll(() => service.close());

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

async function problem(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ProblemBody> {
  const response = await service.call(path, { token: admin, ...init });
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  return (await response.json()) as ProblemBody;
}

describe("a field given with the wrong type", () => {
  it("gets its schema's message on POST /api/suppliers, and a missing field alone is required", async () => {
    const wrong = await problem("/api/suppliers", { method: "POST", body: { ...supplier, employees: "ten", turnover: "lots", vcse: "yes", name: 5 } });
    expect(wrong.errors).toEqual(
      expect.arrayContaining([
        { field: "employees", message: "must be a whole number of employees (headcount)" },
        { field: "turnover", message: "must be an amount in pounds" },
        { field: "vcse", message: "must be true or false" },
        { field: "name", message: "must be text" },
      ]),
    );
    expect(wrong.errors?.some((e) => e.message === "is required")).toBe(false);
    expect(wrong.detail).toContain("employees must be a whole number of employees (headcount)");

    const { employees: _employees, ...withoutEmployees } = supplier;
    const missing = await problem("/api/suppliers", { method: "POST", body: withoutEmployees });
    expect(missing.errors).toEqual([{ field: "employees", message: "is required" }]);
    // null is given, not missing: the schema's message.
    const nulled = await problem("/api/suppliers", { method: "POST", body: { ...supplier, employees: null } });
    expect(nulled.errors).toEqual([{ field: "employees", message: "must be a whole number of employees (headcount)" }]);
  });

  it("gets its schema's message on POST /api/contracts and PATCH /api/contracts/{id}", async () => {
    const created = await problem("/api/contracts", { method: "POST", body: { ...contract(), value: "big", category: 3 } });
    expect(created.errors).toEqual(expect.arrayContaining([{ field: "value", message: "must be an amount in pounds" }]));
    expect(created.errors?.find((e) => e.field === "category")?.message).not.toBe("is required");
    const { managerId: _managerId, ...withoutManager } = contract();
    expect((await problem("/api/contracts", { method: "POST", body: withoutManager })).errors).toEqual([{ field: "managerId", message: "is required" }]);

    const made = await service.call("/api/contracts", { method: "POST", token: admin, body: contract() });
    expect(made.status).toBe(201);
    const id = ((await made.json()) as { id: string }).id;
    const patched = await problem(`/api/contracts/${id}`, { method: "PATCH", body: { title: 7 }, headers: { "if-match": made.headers.get("etag") as string } });
    expect(patched.errors).toEqual([{ field: "title", message: "must be text" }]);
  });

  it("gets its schema's message in a query: GET /api/contracts?limit=abc", async () => {
    expect((await problem("/api/contracts?limit=abc")).errors).toEqual([{ field: "limit", message: "must be a number" }]);
  });
});

describe("a malformed %-escape in the path", () => {
  it.each(["/api/suppliers/%ZZ", "/api/contracts/%E0%A4%A", "/api/evaluations/%ZZ/award", "/api/catalogue/%ZZ", "/addin/%ZZ", "/docs/%ZZ", "/%ZZ", "/healthz%ZZ"])("gets 400 with a problem at %s", async (path) => {
    const body = await problem(path);
    expect(body.detail).toContain("%25");
  });

  it("is refused before sign-in too, so it never reaches a route", async () => {
    const response = await fetch(`${service.url}/api/suppliers/%ZZ`);
    expect(response.status).toBe(400);
  });
});
