import diagnostics from "node:diagnostics_channel";
import type { Worker } from "node:worker_threads";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CATALOGUE_COLUMNS, CATALOGUE_LIMITS, DEFAULT_CATALOGUE, formatCatalogueCsv, parseCatalogueCsv, ukDateTime, type Catalogue } from "@toms/domain";
import { odata } from "@azure/data-tables";
import { CATALOGUES_TABLE, CATALOGUE_VERSIONS_TABLE, CatalogueRepository, tableKey } from "@toms/storage";
import { heldStore } from "../support/held-store.js";
import { startTestService, type TestService } from "../support/service.js";
import { withZipBomb } from "../support/zip-bomb.js";

// POST /api/catalogue: several versions in one file, the one publishing rule, bounded reading,
// and messages that say each problem once.
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const HEADER = CATALOGUE_COLUMNS.join(",");
const tag = crypto.randomUUID().slice(0, 6);
let service: TestService;
let admin: string;

beforeAll(async () => {
  service = await startTestService();
  admin = await service.token("rob.amor", "admin");
});
afterAll(() => service.close());

const post = (body: string | Buffer, type = "text/csv") =>
  fetch(`${service.url}/api/catalogue`, { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": type }, body: typeof body === "string" ? body : new Uint8Array(body) });

interface ProblemBody {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

const rows = (version: string, proxy = 10) => [`${version},P-1,Economic,Jobs,Local jobs,FTE years,${proxy},Test`, `${version},P-2,Social,Community,Volunteering,hours,,Record only`];

async function workbookOf(lines: string[]): Promise<Buffer> {
  const excel = new ExcelJS.Workbook();
  const sheet = excel.addWorksheet("Catalogue");
  for (const line of lines) sheet.addRow(line.split(","));
  return Buffer.from(await excel.xlsx.writeBuffer());
}

describe("a catalogue file with several versions", () => {
  const [v1, v2, v3] = [`H-${tag}.1`, `H-${tag}.2`, `H-${tag}.3`];

  it("publishes each version it holds, and the same file again changes nothing", async () => {
    const history = [HEADER, ...rows(v1), ...rows(v2, 12)].join("\r\n");
    const first = await post(history);
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`/api/catalogue/${v1}`);
    const published = (await first.json()) as { published: { version: string; measureCount: number }[]; unchanged: string[] };
    expect(published.published.map((s) => [s.version, s.measureCount])).toEqual([[v1, 2], [v2, 2]]);
    expect(published.unchanged).toEqual([]);
    // A re-import answers as the CLI does: nothing to do.
    const again = await post(history);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ published: [], unchanged: [v1, v2] });
    const stored = (await (await service.call(`/api/catalogue/${v2}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(stored.measures.map((m) => [m.code, m.proxyValue])).toEqual([["P-1", 12], ["P-2", null]]);
  });

  it("takes a whole export, the council's default version included, and publishes only what is new", async () => {
    const served = await service.call(`/api/catalogue/${v1}`, { token: admin, headers: { accept: "text/csv" } });
    const exported = formatCatalogueCsv(DEFAULT_CATALOGUE) + (await served.text()).split("\r\n").slice(1).join("\r\n");
    const response = await post(`${exported}${rows(v3).join("\r\n")}\r\n`);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ published: [{ version: v3 }], unchanged: [DEFAULT_CATALOGUE.version, v1] });
  });

  it("refuses the whole file when one of its versions is published with other rows", async () => {
    const v4 = `H-${tag}.4`;
    const response = await post([HEADER, ...rows(v4), ...rows(v1, 99)].join("\r\n"));
    expect(response.status).toBe(409);
    expect(((await response.json()) as ProblemBody).detail).toBe(`Version ${v1} is already published with different measures, and a published version never changes. Give the new values a new version. Nothing was published.`);
    expect((await service.call(`/api/catalogue/${v4}`, { token: admin })).status).toBe(404);
    const kept = (await (await service.call(`/api/catalogue/${v1}`, { token: admin })).json()) as { measures: { proxyValue: number | null }[] };
    expect(kept.measures[0]?.proxyValue).toBe(10);
  });

  it("publishes several versions from one workbook too", async () => {
    const [x1, x2] = [`X-${tag}.1`, `X-${tag}.2`];
    const response = await post(await workbookOf([HEADER, ...rows(x1), ...rows(x2)]), XLSX_TYPE);
    expect(response.status).toBe(201);
    expect(((await response.json()) as { published: { version: string }[] }).published.map((s) => s.version)).toEqual([x1, x2]);
  });
});

describe("publishing races", () => {
  it("10 parallel imports of one new version publish it once; the others find it unchanged", async () => {
    const version = `R-${tag}.1`;
    const file = [HEADER, ...rows(version)].join("\r\n");
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(file)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const stored = (await (await service.call(`/api/catalogue/${version}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(stored.measures.map((m) => [m.code, m.proxyValue])).toEqual([["P-1", 10], ["P-2", null]]);
    const listed = (await (await service.call("/api/catalogues", { token: admin })).json()) as { items: { version: string }[] };
    expect(listed.items.filter((v) => v.version === version)).toHaveLength(1);
  });

  it("10 parallel imports of one version with different values publish exactly one of them, whole", async () => {
    const version = `R-${tag}.2`;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post([HEADER, ...rows(version, 100 + i)].join("\r\n"))));
    const statuses = answers.map((a) => a.status);
    expect([...statuses].sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = statuses.indexOf(201);
    const stored = (await (await service.call(`/api/catalogue/${version}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(stored.measures.map((m) => [m.code, m.proxyValue])).toEqual([["P-1", 100 + winner], ["P-2", null]]);
  });
});

describe("a version someone else is still publishing", () => {
  it("answers 409 naming who publishes it and since when (for the same measures after a short wait), and keeps what that publisher writes", async () => {
    const version = `R-${tag}.3`;
    const file = [HEADER, ...rows(version)].join("\r\n");
    const read = parseCatalogueCsv(file);
    if (!read.ok) throw new Error("the test's catalogue does not read");
    // Another publisher (the CLI on someone's computer) has claimed the version and is slow to write it.
    const held = heldStore(service.storage.store);
    const slow = new CatalogueRepository(held.slow).publish(read.catalogues[0] as Catalogue, "toms-cli:ann");
    await held.atRows;
    const claim = await service.storage.store.get(CATALOGUE_VERSIONS_TABLE, "catalogue", tableKey(version));
    const since = ukDateTime(new Date(String(claim?.publishedAt)));

    const same = await post(file);
    expect(same.status).toBe(409);
    expect(((await same.json()) as ProblemBody).detail).toBe(`Version ${version} is being published by toms-cli:ann since ${since}; try again in a minute. Nothing was published.`);
    const other = await post([HEADER, ...rows(`${version}.new`), ...rows(version, 11)].join("\r\n"));
    expect(other.status).toBe(409);
    expect(((await other.json()) as ProblemBody).detail).toBe(
      `Version ${version} is being published by toms-cli:ann since ${since}, with other measures. Once published, a version never changes: give the new values a new version, or try again in a minute if that publish has stopped. Published meanwhile: ${version}.new.`,
    );
    expect((await service.call(`/api/catalogue/${version}`, { token: admin })).status).toBe(404);

    held.release();
    expect(await slow).toMatchObject({ outcome: "published" });
    const stored = (await (await service.call(`/api/catalogue/${version}`, { token: admin })).json()) as { measures: { code: string; proxyValue: number | null }[] };
    expect(stored.measures.map((m) => [m.code, m.proxyValue])).toEqual([["P-1", 10], ["P-2", null]]);
  });
});

describe("a damaged version", () => {
  it("is answered 500 naming it, never served without some of its measures", async () => {
    const version = `G-${tag}`;
    expect((await post([HEADER, ...rows(version)].join("\r\n"))).status).toBe(201);
    const partition = `v:${tableKey(version)}`;
    const [lost] = await service.storage.store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${partition}`);
    await service.storage.store.delete(CATALOGUES_TABLE, partition, String(lost?.rowKey));
    // A service that has not read the version yet (this one cached it when it published it).
    const other = await startTestService({ TOMS_TABLE_PREFIX: service.storage.store.tableName("") });
    try {
      const response = await other.call(`/api/catalogue/${version}`, { token: await other.token("eve", "evaluator") });
      expect(response.status).toBe(500);
      expect(((await response.json()) as ProblemBody).detail).toBe(`Catalogue version ${version} should have 2 measures, but storage holds 1: the stored catalogue is damaged, so it is not used rather than used with the wrong measures. Tell the service desk.`);
    } finally {
      await other.close();
    }
  });
});

describe("catalogue problems", () => {
  it("says each problem once: its place as the field, what is wrong as the message", async () => {
    const response = await post([HEADER, `V-${tag},X-1,Economic,Jobs,Thing,hours,lots,Somewhere`, `V-${tag},X 2,Economic,Jobs,Thing,,5,`].join("\r\n"));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as ProblemBody;
    expect(problem.errors).toEqual([
      { field: "row 2, Proxy value", message: '"lots" is not an amount in £; leave it blank for a record-only measure.' },
      { field: "row 3, Code", message: 'the code "X 2" contains spaces.' },
      { field: "row 3, Unit", message: "the unit is empty." },
      { field: "row 3, Source", message: "a proxy value needs its source (for example ONS ASHE 2024)." },
    ]);
    expect(problem.detail).toBe(
      'The catalogue has 4 problems: Row 2, column "Proxy value": "lots" is not an amount in £; leave it blank for a record-only measure. Row 3, column "Code": the code "X 2" contains spaces. Row 3, column "Unit": the unit is empty. Row 3, column "Source": a proxy value needs its source (for example ONS ASHE 2024).',
    );
  });

  it("refuses a proxy value above £1,000,000 per unit, naming its row, and publishes nothing of the file", async () => {
    const version = `L-${tag}`;
    const response = await post([HEADER, ...rows(version, 1_000_000), `${version},P-3,Economic,Jobs,Apprentices,weeks,1000000.5,Test`].join("\r\n"));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as ProblemBody;
    expect(problem.errors).toEqual([{ field: "row 4, Proxy value", message: "1000000.5 is too large; a proxy value is £ of social value per unit, at most £1,000,000." }]);
    expect(problem.detail).toBe('The catalogue has a problem: Row 4, column "Proxy value": 1000000.5 is too large; a proxy value is £ of social value per unit, at most £1,000,000.');
    expect((await service.call(`/api/catalogue/${version}`, { token: admin })).status).toBe(404);
  });

  it("names a missing header column once", async () => {
    const problem = (await (await post("Version,Code\r\nV,X\r\n")).json()) as ProblemBody;
    expect(problem.errors?.[0]).toEqual({ field: "row 1, Theme", message: `there is no "Theme" column. The columns are: ${CATALOGUE_COLUMNS.join(", ")}.` });
    expect(problem.detail).toContain('The catalogue has 6 problems: Row 1 (the header): there is no "Theme" column.');
  });
});

describe("catalogue publishing is bounded", () => {
  it("answers a megabyte of junk lines with a small 400: the first problems and a count of the rest", async () => {
    const junk = `${HEADER}\r\n${"junk; not a catalogue line at all\r\n".repeat(30_000)}`;
    expect(junk.length).toBeGreaterThan(1_000_000);
    const response = await post(junk);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(64 * 1024);
    const problem = JSON.parse(text) as ProblemBody;
    expect(problem.errors).toHaveLength(CATALOGUE_LIMITS.listedProblems);
    // Only the first 10,000 rows are read; each has no code, theme, measure or unit.
    expect(problem.detail).toMatch(/^The catalogue has 40001 problems: The file has more than 10000 rows under the header/);
    expect(problem.detail).toContain('Row 2, column "Code": the measure code is empty. Row 2, column "Theme": the theme is empty.');
    expect(problem.detail.endsWith(" … and 39901 more.")).toBe(true);
  });

  it("reads at most 2 workbooks at once however many are uploaded, and answers every one", async () => {
    // Workbook readers are worker threads: count those alive while the uploads run.
    let alive = 0;
    let most = 0;
    const count = (message: unknown) => {
      const { worker } = message as { worker: Worker };
      most = Math.max(most, ++alive);
      worker.once("exit", () => (alive -= 1));
    };
    const versions = Array.from({ length: 10 }, (_, i) => `Q-${tag}.${i}`);
    const books = await Promise.all(versions.map((version) => workbookOf([HEADER, ...rows(version)])));
    diagnostics.subscribe("worker_threads", count);
    let answers: Response[];
    try {
      answers = await Promise.all(books.map((book) => post(book, XLSX_TYPE)));
    } finally {
      diagnostics.unsubscribe("worker_threads", count);
    }
    expect(answers.map((a) => a.status)).toEqual(versions.map(() => 201));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
    const listed = (await (await service.call("/api/catalogues", { token: admin })).json()) as { items: { version: string; measureCount: number }[] };
    expect(listed.items.filter((v) => versions.includes(v.version)).map((v) => [v.version, v.measureCount]).sort()).toEqual(versions.map((v) => [v, 2]));
  });

  it("refuses a file larger than a catalogue file may be, saying the limit", async () => {
    const response = await post(`${HEADER}\r\n${"x".repeat(CATALOGUE_LIMITS.fileBytes + 1)}`);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ProblemBody).detail).toBe("A catalogue file may be at most 2 MB. Split it into several files.");
  });

  it("refuses a workbook with a 900 MB part before inflating it, whether it declares its size or hides it", async () => {
    const workbook = await workbookOf([HEADER, ...rows(`Z-${tag}`)]);
    const declared = await withZipBomb(workbook, 900, "true size");
    expect(declared.length).toBeLessThan(CATALOGUE_LIMITS.fileBytes);
    const refused = await post(declared, XLSX_TYPE);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as ProblemBody).errors).toEqual([
      { field: "", message: "The workbook holds more than 8 MB once uncompressed, more than any catalogue needs. Save the catalogue on its own, as CSV or as a workbook with just its sheet." },
    ]);
    const forged = await post(await withZipBomb(workbook, 900, "forged size"), XLSX_TYPE);
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as ProblemBody).errors).toEqual([{ field: "", message: "The file is not an Excel workbook (.xlsx)." }]);
    // The same workbook without the bomb is a good catalogue.
    expect((await post(workbook, XLSX_TYPE)).status).toBe(201);
  });
});
