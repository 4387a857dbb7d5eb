import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE } from "@toms/domain";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

let service: TestService;
let admin: string;
let evaluator: string;

let VERSION: string;
let CSV: string;

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin");
  await ensureServiceArea(service, admin);
  evaluator = await service.token("eve.evaluator", "evaluator");
  ({ version: VERSION, csv: CSV } = await publishTestCatalogue(service, admin));
});
afterAll(() => service.close());

const submission = (overrides: { bidders?: unknown; commitments?: unknown } = {}) => tenderSubmission(VERSION, overrides);

type Result = { bidders: { bidder: string; socialValue: number; socialValueAdd: number | null; quantitativeMarks: number; qualitativeMarks: number; totalMarks: number; rank: number; byTheme: Record<string, number> }[] };

describe("the catalogue", () => {
  it("serves the council's default catalogue and a published version, with the money label", async () => {
    const listed = (await (await service.call("/api/catalogues", { token: evaluator })).json()) as { items: { version: string }[] };
    expect(listed.items.map((v) => v.version)).toEqual(expect.arrayContaining([VERSION, DEFAULT_CATALOGUE.version]));
    const byVersion = (await (await service.call(`/api/catalogue/${DEFAULT_CATALOGUE.version}`, { token: evaluator })).json()) as { measures: unknown[]; moneyLabel: string };
    expect(byVersion.measures).toHaveLength(DEFAULT_CATALOGUE.measures.length);
    expect(byVersion.moneyLabel).toBe("Coventry £");
    const latest = (await (await service.call("/api/catalogue", { token: evaluator })).json()) as { version: string };
    expect(latest.version).toBe(VERSION);
  });

  it("exports a version as the same CSV it was imported from", async () => {
    const response = await service.call(`/api/catalogue/${VERSION}`, { token: evaluator, headers: { accept: "text/csv" } });
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect((await response.text()).trim()).toBe(CSV);
  });

  it("never changes a published version, and only procurement officers publish", async () => {
    const again = await service.call("/api/catalogue", { method: "POST", token: admin, body: CSV.replace(",100,", ",999,"), headers: { "content-type": "text/csv" } });
    expect(again.status).toBe(409);
    const measures = (await (await service.call(`/api/catalogue/${VERSION}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(measures.measures.find((m) => m.code === "T-1")?.proxyValue).toBe(100);
    expect((await service.call("/api/catalogue", { method: "POST", token: evaluator, body: CSV, headers: { "content-type": "text/csv" } })).status).toBe(403);
  });

  it("publishes a version from an Excel workbook too", async () => {
    const excel = new ExcelJS.Workbook();
    const sheet = excel.addWorksheet("Catalogue");
    const xlsxVersion = `${VERSION}-X`;
    for (const line of CSV.split("\r\n")) sheet.addRow(line.replace(VERSION, xlsxVersion).split(",").map((v, i) => (i === 6 && v !== "" && v !== "Proxy value" ? Number(v) : v)));
    const bytes = Buffer.from(await excel.xlsx.writeBuffer());
    const response = await fetch(`${service.url}/api/catalogue`, { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, body: bytes });
    expect(response.status).toBe(201);
    const measures = (await (await service.call(`/api/catalogue/${xlsxVersion}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(measures.measures.map((m) => [m.code, m.proxyValue])).toEqual([["T-1", 100], ["T-2", 10], ["T-3", null]]);
    const notExcel = await fetch(`${service.url}/api/catalogue`, { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, body: "plain text" });
    expect(notExcel.status).toBe(400);
  });

  it("names the row and column of a bad catalogue line", async () => {
    const bad = `Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source\r\nV9,X-1,Economic,Jobs,Thing,hours,lots,Somewhere`;
    const response = await service.call("/api/catalogue", { method: "POST", token: admin, body: bad, headers: { "content-type": "text/csv" } });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { field: string }[] };
    expect(problem.errors[0]?.field).toMatch(/row 2.*Proxy value/);
  });
});

describe("evaluations and award", () => {
  let evaluationId: string;
  let contractId: string;

  it("re-scores a submitted evaluation and stores it", async () => {
    const response = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submission(), headers: { "idempotency-key": "key-0000-0001" } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; result: Result };
    evaluationId = body.id;
    // SV: Alpha 2x100 + 10x10 = 300; Beta 1x100 + 50x10x50% = 350; Gamma 5x10 = 50 (T-3 is record only).
    const [first, second, third] = body.result.bidders;
    expect(first).toMatchObject({ bidder: "Beta Ltd", socialValue: 350, socialValueAdd: 0.175, quantitativeMarks: 5, qualitativeMarks: 5, totalMarks: 10, rank: 1 });
    expect(second?.bidder).toBe("Alpha Ltd");
    expect(second?.quantitativeMarks).toBeCloseTo((5 * 300) / 350, 12);
    expect(second?.totalMarks).toBeCloseTo(4 + (5 * 300) / 350, 12);
    expect(second?.byTheme).toEqual({ Economic: 200, Social: 100, Environmental: 0 });
    expect(third).toMatchObject({ bidder: "Gamma Ltd", socialValue: 50, rank: 3 });
    const stored = (await (await service.call(`/api/evaluations/${evaluationId}`, { token: evaluator })).json()) as { result: Result; submission: { commitments: { measure: string }[] } };
    expect(stored.result).toEqual(body.result);
    expect(stored.submission.commitments.map((c) => c.measure)).toEqual(["T-1", "T-2", "T-3"]);
  });

  it("treats a repeated submission with the same idempotency key as the same evaluation", async () => {
    const replay = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submission(), headers: { "idempotency-key": "key-0000-0001" } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { id: string }).id).toBe(evaluationId);
    const different = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submission({ bidders: [{ name: "Solo Ltd", price: 10, qualitativeScore: 1 }], commitments: [] }), headers: { "idempotency-key": "key-0000-0001" } });
    expect(different.status).toBe(409);
    const list = (await (await service.call("/api/evaluations", { token: evaluator })).json()) as { items: { id: string }[] };
    expect(list.items.filter((e) => e.id === evaluationId)).toHaveLength(1);
    expect(list.items).toHaveLength(1);
  });

  it("refuses measures outside the tender's catalogue version, naming the row", async () => {
    const response = await service.call("/api/evaluations", {
      method: "POST",
      token: evaluator,
      body: submission({ commitments: [{ measure: "T-1", quantities: [1, 1, 1], accepted: [1, 1, 1] }, { measure: "NT99", quantities: [1, 1, 1], accepted: [1, 1, 1] }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("commitments[1].measure");
    const generous = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submission({ bidders: [{ name: "Alpha Ltd", price: 1000, qualitativeScore: 6 }, { name: "Beta Ltd", price: 2000, qualitativeScore: 5 }, { name: "Gamma Ltd", price: 500, qualitativeScore: 3 }] }) });
    expect(((await generous.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("bidders[0].qualitativeScore");
    const short = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submission({ commitments: [{ measure: "T-1", quantities: [1], accepted: [1, 1, 1] }] }) });
    expect(((await short.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("commitments[0].quantities");
    expect((await service.call("/api/evaluations", { method: "POST", token: await service.token("cm", "contract-manager"), body: submission() })).status).toBe(403);
  });

  it("turns the winner's accepted commitments into the contract's", async () => {
    const supplier = (await (await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Beta Ltd", postcode: "CV3 1FP", employees: 9, turnover: 1e6, balanceSheet: 4e5 } })).json()) as { id: string };
    const contract = await service.call("/api/contracts", {
      method: "POST",
      token: admin,
      body: { reference: "CCC-T-100", title: "Parks maintenance", supplierId: supplier.id, category: "services", value: 2000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA },
    });
    contractId = ((await contract.json()) as { id: string }).id;
    const award = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: evaluator, body: { bidder: "beta ltd", contractId } });
    expect(award.status).toBe(200);
    const body = (await award.json()) as { bidder: string; totalCommittedValue: number; commitments: { measure: string; committedQuantity: number; acceptedFraction: number; committedValue: number }[] };
    expect(body.bidder).toBe("Beta Ltd");
    expect(body.totalCommittedValue).toBe(350);
    // T-3 had no quantity from Beta, so it is not part of the contract.
    expect(body.commitments.map((c) => [c.measure, c.committedQuantity, c.acceptedFraction, c.committedValue])).toEqual([
      ["T-1", 1, 1, 100],
      ["T-2", 50, 0.5, 250],
    ]);
    const carried = (await (await service.call(`/api/contracts/${contractId}/commitments`, { token: await service.token("tom.brennan", "contract-manager") })).json()) as { evaluationId: string; totalCommittedValue: number };
    expect(carried).toMatchObject({ evaluationId, totalCommittedValue: 350 });
  });

  it("repeats the same award harmlessly and refuses a different one", async () => {
    expect((await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: evaluator, body: { bidder: "Beta Ltd", contractId } })).status).toBe(200);
    const other = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: evaluator, body: { bidder: "Alpha Ltd", contractId } });
    expect(other.status).toBe(409);
    const summary = (await (await service.call(`/api/evaluations/${evaluationId}`, { token: evaluator })).json()) as { award: { bidder: string; contractId: string } };
    expect(summary.award).toMatchObject({ bidder: "Beta Ltd", contractId });
    const unknown = await service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: evaluator, body: { bidder: "Nobody Ltd", contractId } });
    expect(((await unknown.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("bidder");
  });
});
