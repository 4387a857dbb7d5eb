// Every export that writes CSV or an Excel workbook, fed names and notes that a spreadsheet would
// run as formulas (=HYPERLINK(...), @SUM(1), +..., -...) through the real service and the `toms`
// command: the mail-merge links and the engagement list of supplier diversity, the Cabinet
// report (CSV and xlsx), a catalogue version (API and CLI), and the CLI's evaluation template.
// In CSV such a cell is quoted with a ' before it, so a spreadsheet shows it as text; in a
// workbook it is a text cell, never a formula.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseCsv } from "@toms/domain";
import { addContract, review, sendUpdate, type ContractMade, type KpiView } from "../support/delivery-fixtures.js";
import { answersOf, openCampaign, staffTokens, type StaffTokens } from "../support/diversity.js";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea } from "../support/service-areas.js";

const run = crypto.randomUUID().slice(0, 6);
const YEAR = new Date().getUTCFullYear();
/** The last complete financial year (April to March), by the year it starts in. */
const today = new Date().toISOString().slice(0, 10);
const FY = today >= `${today.slice(0, 4)}-04-01` ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4)) - 2;

// What a spreadsheet would run: each starts with one of = + - @ (a tab or CR at the start is trimmed by the register's own rules).
const HYPERLINK = `=HYPERLINK("http://evil.example","x")`;
const NAMES = [`${HYPERLINK} ${run} Ltd`, `@SUM(1) ${run} Ltd`, `+SUM(1)+${run} Ltd`, `-1+SUM(1) ${run} Ltd`];
const CONTACTS = [`${HYPERLINK} Contact`, "@SUM(1) Contact", "+1+cmd Contact", "-2-3 Contact"];
const TITLE = `${HYPERLINK} Grounds ${run}`;
const SERVICE_AREA = `@SUM(1) Services ${run}`;
const VERSION = `SEC-${run}`;
const MEASURE = `${HYPERLINK} jobs`;
const OUTCOME = "@SUM(1) outcome";
const SOURCE = "+1+cmd source";

/** What a spreadsheet runs as a formula: a cell that starts with = + - @ tab or CR and is not a plain number. */
const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell);

/** No cell of the CSV would run, and each text expected is a cell, with a ' before it where it starts like a formula. */
function checkCsv(csv: string, expected: string[]): void {
  const cells = parseCsv(csv.replace(/^\uFEFF/, "")).flat();
  expect(cells.filter(runsAsFormula)).toEqual([]);
  for (const text of expected) expect(cells, text).toContain(runsAsFormula(text) ? `'${text}` : text);
}

/** Every cell of the workbook: none is a formula that holds our texts, and each text expected is a text cell. */
async function checkWorkbook(bytes: Uint8Array, expected: string[], textFormat: boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const texts: string[] = [];
  const faults: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula && /evil|SUM\(1\)|cmd/.test(cell.formula ?? "")) faults.push(`${sheet.name}!${cell.address} is the formula ${cell.formula}`);
        if (cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.RichText) {
          const text = cell.text;
          texts.push(text);
          if (textFormat && runsAsFormula(text) && cell.numFmt !== "@") faults.push(`${sheet.name}!${cell.address} (${text}) is not formatted as text`);
        }
      }),
    ),
  );
  expect(faults).toEqual([]);
  for (const text of expected) expect(texts.some((t) => t.includes(text)), text).toBe(true);
}

let service: TestService;
let staff: StaffTokens;
const suppliers: { id: string; name: string; token: string }[] = [];
let contract: ContractMade;
let linksCsv: string;
const dir = mkdtempSync(join(tmpdir(), "toms-exports-"));
const prefix = `x${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;

beforeAll(async () => {
  service = await startTestService({ TOMS_TABLE_PREFIX: prefix, TOMS_DIVERSITY_THRESHOLD: "3", TOMS_WRITE_LIMIT_PER_MINUTE: "100000" });
  staff = await staffTokens(service);
  await ensureServiceArea(service, staff.admin, SERVICE_AREA);
  // A catalogue whose measure, outcome and source start like formulas.
  const catalogue = ["Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source", `${VERSION},S-1,Economic,${OUTCOME},"${MEASURE.replace(/"/g, '""')}",FTE years,100,${SOURCE}`].join("\r\n");
  const published = await service.call("/api/catalogue", { method: "POST", token: staff.admin, body: catalogue, headers: { "content-type": "text/csv" } });
  expect(published.status, await published.clone().text()).toBe(201);
  for (const [i, name] of NAMES.entries()) {
    const made = await service.call("/api/suppliers", { method: "POST", token: staff.admin, body: { name, postcode: "CV1 2GT", employees: 5, turnover: 300_000, balanceSheet: 90_000 } });
    expect(made.status, await made.clone().text()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const email = i === 3 ? `-2+3-${run}@exports.example` : `c${i}-${run}@exports.example`;
    const contact = await service.call(`/api/suppliers/${id}/contacts`, { method: "POST", token: staff.admin, body: { email, name: CONTACTS[i] } });
    expect(contact.status, await contact.clone().text()).toBe(201);
    suppliers.push({ id, name, token: await service.token(email, "supplier", { supplierId: id }) });
  }
  // The first supplier's contract, in the formula-like service area, with a commitment of the catalogue's measure delivered in the last financial year.
  const first = suppliers[0] as (typeof suppliers)[number];
  contract = await addContract(service, staff.admin, { supplierId: first.id, title: TITLE, serviceArea: SERVICE_AREA, startDate: `${FY - 1}-04-01`, endDate: `${FY + 1}-03-31` });
  const entered = await service.call(`/api/contracts/${contract.id}/commitments`, { method: "POST", token: staff.admin, body: { commitments: [{ measure: "S-1", quantity: 4, catalogueVersion: VERSION }] } });
  expect(entered.status, await entered.clone().text()).toBe(201);
  const kpi = ((await entered.json()) as { items: KpiView[] }).items[0] as KpiView;
  const update = await sendUpdate(service, first.token, contract.id, kpi.id, `${FY}-Q3`, 2);
  await review(service, staff.admin, contract.id, kpi.id, update.id, { decision: "approve" });
  // Supplier diversity: every business invited, and each answers, agreeing to be contacted.
  await openCampaign(service, staff.admin, YEAR);
  // A business that has answered gets no new link: the mail merge is read before anyone answers.
  const links = await service.call(`/api/diversity/campaigns/${YEAR}/links.csv?only=all`, { token: staff.admin });
  expect(links.status).toBe(200);
  expect(links.headers.get("content-type")).toContain("text/csv");
  linksCsv = await links.text();
  for (const supplier of suppliers) {
    const sent = await service.call("/api/diversity/responses", { method: "POST", token: supplier.token, body: { year: YEAR, supplierId: supplier.id, ...answersOf(1), consentToContact: "yes" } });
    expect(sent.status, await sent.clone().text()).toBe(201);
  }
}, 120_000);
afterAll(async () => {
  await service?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("CSV exports escape formula-leading cells", () => {
  it("the questionnaire's mail-merge links (links.csv): supplier and contact names", async () => {
    checkCsv(linksCsv, [...NAMES, ...CONTACTS]);
  });

  it("the engagement list (CSV): supplier names, contact names and an e-mail starting with -", async () => {
    const response = await service.call(`/api/diversity/engagement?year=${YEAR}&format=csv&purpose=${encodeURIComponent("Invite businesses to a meet the buyer event")}`, { token: staff.edi });
    expect(response.status, await response.clone().text()).toBe(200);
    checkCsv(await response.text(), [...NAMES, ...CONTACTS, `-2+3-${run}@exports.example`]);
  });

  it("the Cabinet report (CSV): contract title, supplier name, service area, measure and outcome", async () => {
    const response = await service.call(`/api/reports/social-value?year=${FY}&format=csv`, { token: staff.admin });
    expect(response.status, await response.clone().text()).toBe(200);
    checkCsv(await response.text(), [`${contract.reference} ${TITLE}`, NAMES[0] as string, SERVICE_AREA, OUTCOME]);
  });

  it("a catalogue version (GET /api/catalogue/{version} as text/csv): measure, outcome and source", async () => {
    const response = await service.call(`/api/catalogue/${VERSION}`, { token: staff.admin, headers: { accept: "text/csv" } });
    expect(response.status).toBe(200);
    checkCsv(await response.text(), [MEASURE, OUTCOME, SOURCE]);
  });
});

describe("workbook exports write such text as text, never as a formula", () => {
  it("the Cabinet report (xlsx), with the text cells formatted as Text", async () => {
    const response = await service.call(`/api/reports/social-value?year=${FY}&format=xlsx`, { token: staff.admin });
    expect(response.status).toBe(200);
    await checkWorkbook(new Uint8Array(await response.arrayBuffer()), [TITLE, NAMES[0] as string, SERVICE_AREA, OUTCOME], true);
  });
});

describe("the toms command's outputs", () => {
  const toms = fileURLToPath(new URL("../../cli/bin/toms.js", import.meta.url));
  const cli = async (...args: string[]) =>
    promisify(execFile)(process.execPath, [toms, ...args], { env: { ...process.env, TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: prefix } });

  it("catalogue export (CSV, to the screen and to a file)", async () => {
    checkCsv((await cli("catalogue", "export", "--version", VERSION)).stdout, [MEASURE, OUTCOME, SOURCE]);
    const file = join(dir, "catalogue.csv");
    await cli("catalogue", "export", "--version", VERSION, "-o", file);
    checkCsv(readFileSync(file, "utf8"), [MEASURE, OUTCOME, SOURCE]);
  });

  it("template (xlsx): the catalogue's measure and bidders' names", async () => {
    const file = join(dir, "template.xlsx");
    // A comma separates bidders, so the link here has no second argument.
    const bidders = [`=HYPERLINK("http://evil.example") Ltd`, "@SUM(1) plc"];
    await cli("template", "--catalogue-version", VERSION, "--all", "--bidders", bidders.join(","), "-o", file);
    await checkWorkbook(new Uint8Array(readFileSync(file)), [MEASURE, ...bidders], false);
  });
});
