import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import ExcelJS from "exceljs";
import { odata } from "@azure/data-tables";
import { DEFAULT_CATALOGUE, formatCatalogueCsv, parseCsv } from "@toms/domain";
import { CATALOGUES_TABLE, tableKey } from "@toms/storage";
import { startTestService, type TestService } from "../support/service.js";
import { withZipBomb } from "../support/zip-bomb.js";

// The installed `toms` command and the service share one store: a version imported with the CLI
// is served by the API, and workbooks of that version score without --catalogue.
const toms = fileURLToPath(new URL("../../cli/bin/toms.js", import.meta.url));
const prefix = `c${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
const version = `CLI-${crypto.randomUUID().slice(0, 6)}`;
const dir = mkdtempSync(join(tmpdir(), "toms-cli-storage-"));
let service: TestService;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [toms, ...args], {
      env: { ...process.env, TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: prefix },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const csv = [
  "Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source",
  `${version},X-1,Economic,Jobs,Local jobs,FTE years,30000,Test`,
  `${version},X-2,Social,Community,Volunteering hours,hours,15,Test`,
].join("\r\n");

beforeAll(async () => {
  service = await startTestService({ TOMS_TABLE_PREFIX: prefix });
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("toms with the suite's storage", () => {
  it("publishes an imported catalogue where the service serves it", async () => {
    writeFileSync(join(dir, "catalogue.csv"), csv);
    const imported = await cli("catalogue", "import", join(dir, "catalogue.csv"));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Published catalogue version ${version}`);
    // It says which storage it used, on stderr.
    expect(imported.stderr).toContain(`toms uses the storage account devstoreaccount1 at `);
    const served = await service.call(`/api/catalogue/${version}`, { token: await service.token("eve", "evaluator") });
    expect(served.status).toBe(200);
    expect(((await served.json()) as { measures: { code: string }[] }).measures.map((m) => m.code)).toEqual(["X-1", "X-2"]);
    // Importing it again changes nothing; different values under the same version are refused.
    const again = await cli("catalogue", "import", join(dir, "catalogue.csv"));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Version ${version} is already published with exactly these measures; nothing to do.`);
    writeFileSync(join(dir, "changed.csv"), csv.replace(",15,", ",16,"));
    const changed = await cli("catalogue", "import", join(dir, "changed.csv"));
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain("never changes");
  });

  it("makes and scores a workbook of a stored version without --catalogue", async () => {
    const workbook = join(dir, "tender.xlsx");
    expect((await cli("template", "--catalogue-version", version, "--all", "--bidders", "Alpha Ltd,Beta Ltd", "-o", workbook)).code).toBe(0);
    const scored = await cli("score", workbook, "--json");
    expect(scored.code).toBe(0);
    expect((JSON.parse(scored.stdout) as { tender: { catalogueVersion: string } }).tender.catalogueVersion).toBe(version);
    const exported = await cli("catalogue", "export", "--version", version);
    expect(exported.stdout.trim()).toBe(csv);
  });

  it("publishes each new version of a file with several, says which were there, and refuses a changed one", async () => {
    const [next, later, never] = [`${version}.2`, `${version}.3`, `${version}.4`];
    const rowsOf = (v: string, proxy = 20) => [`${v},X-1,Economic,Jobs,Local jobs,FTE years,${proxy},Test`, `${v},X-3,Environmental,Carbon,Tonnes saved,tonnes,250,Test`];
    const history = join(dir, "history.csv");
    writeFileSync(history, [csv, ...rowsOf(next), ...rowsOf(later)].join("\r\n"));
    const imported = await cli("catalogue", "import", history);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Version ${version} is already published with exactly these measures; nothing to do.`);
    expect(imported.stdout).toContain(`Published catalogue version ${next}.`);
    expect(imported.stdout).toContain(`Published catalogue version ${later}.`);

    // A changed version refuses the whole file: its new version is not published either.
    const changed = join(dir, "changed-history.csv");
    writeFileSync(changed, [csv, ...rowsOf(never), ...rowsOf(next, 21)].join("\r\n"));
    const refused = await cli("catalogue", "import", changed);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`toms: Version ${next} is already published with different measures, and a published version never changes. Give the new values a new version. Nothing in changed-history.csv was published.`);
    expect((await service.call(`/api/catalogue/${never}`, { token: await service.token("eve", "evaluator") })).status).toBe(404);

    // The whole history exports as one file, oldest first, which imports as nothing to do.
    const all = join(dir, "all.csv");
    const exported = await cli("catalogue", "export", "--all", "-o", all);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Wrote catalogue versions 2026.1, ${version}, ${next}, ${later} (`);
    const lines = readFileSync(all, "utf8").split("\r\n");
    expect(lines.filter((l) => l.startsWith(`${next},`))).toEqual(rowsOf(next));
    const reimported = await cli("catalogue", "import", all);
    expect(reimported.code).toBe(0);
    expect(reimported.stdout).not.toContain("Published");

    // Scoring with the history file takes the workbook's own version from it.
    const workbook = join(dir, "tender-next.xlsx");
    expect((await cli("template", "--catalogue-version", later, "--all", "--bidders", "Alpha Ltd", "-o", workbook, "--catalogue", all)).code).toBe(0);
    const scored = await cli("score", workbook, "--catalogue", history, "--json");
    expect(scored.code).toBe(0);
    expect((JSON.parse(scored.stdout) as { tender: { catalogueVersion: string } }).tender.catalogueVersion).toBe(later);
    const missing = await cli("score", workbook, "--catalogue", join(dir, "catalogue.csv"));
    expect(missing.stderr).toContain(`uses catalogue version "${later}", but catalogue.csv holds version "${version}"`);
  });

  it("imports a catalogue workbook, and refuses one holding a zip bomb before inflating it", async () => {
    const excel = new ExcelJS.Workbook();
    const sheet = excel.addWorksheet("Catalogue");
    for (const line of formatCatalogueCsv(DEFAULT_CATALOGUE).trim().split("\r\n")) sheet.addRow(parseCsv(line)[0] ?? []);
    const workbook = new Uint8Array(await excel.xlsx.writeBuffer());
    writeFileSync(join(dir, "catalogue.xlsx"), workbook);
    const read = await cli("catalogue", "import", join(dir, "catalogue.xlsx"));
    expect(read.code).toBe(0);
    expect(read.stdout).toContain("catalogue.xlsx: catalogue version 2026.1, 52 measures (9 priced, 43 record only).");
    expect(read.stdout).toContain("Version 2026.1 is already published with exactly these measures; nothing to do.");
    writeFileSync(join(dir, "bomb.xlsx"), await withZipBomb(workbook, 900, "true size"));
    const refused = await cli("catalogue", "import", join(dir, "bomb.xlsx"));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("toms: bomb.xlsx is not a valid catalogue:\n  The workbook holds more than 8 MB once uncompressed, more than any catalogue needs. Save the catalogue on its own, as CSV or as a workbook with just its sheet.\n");
  });

  it("says a damaged stored version is damaged, not that the storage cannot be reached", async () => {
    const damaged = `${version}.damaged`;
    writeFileSync(join(dir, "damaged.csv"), csv.replaceAll(`${version},`, `${damaged},`));
    expect((await cli("catalogue", "import", join(dir, "damaged.csv"))).code).toBe(0);
    const store = service.storage.store;
    const partition = `v:${tableKey(damaged)}`;
    const [lost] = await store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${partition}`);
    await store.delete(CATALOGUES_TABLE, partition, String(lost?.rowKey));
    const exported = await cli("catalogue", "export", "--version", damaged);
    expect(exported.code).toBe(2);
    expect(exported.stdout).toBe("");
    expect(exported.stderr.split("\n").slice(1).join("\n")).toBe(`toms: Catalogue version ${damaged} should have 2 measures, but storage holds 1: the stored catalogue is damaged, so it is not used rather than used with the wrong measures. Tell the service desk.\n`);
  });

  it("names the version it does not have", async () => {
    const missing = await cli("template", "--catalogue-version", "NO-SUCH-1", "--all", "--bidders", "A", "-o", join(dir, "x.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"NO-SUCH-1"');
  });
});
