// The `toms` command line: score evaluation workbooks, make templates, export and import
// catalogues. `run` takes its output streams and catalogue source as arguments, so tests and
// the storage-backed installation call it the same way the bin does.
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { Command, CommanderError } from "commander";
import {
  buildTemplate,
  findSheet,
  SHEETS,
  DEFAULT_MONEY_LABEL,
  formatCatalogueCsv,
  outputSheets,
  readTender,
  scoreJson,
  scoreWorkbook,
  type Catalogue,
  type CatalogueProblem,
  type Issue,
  type Refusal,
  type ScoreJson,
} from "@toms/domain";
import { builtInCatalogues, readCatalogueFile, type CatalogueSource } from "./catalogues.js";
import { fromGrid, partsExcelJsCannotKeep, readXlsx, replaceSheets } from "@toms/xlsx";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Exit codes: 0 done (issues may be listed), 2 the file cannot be scored or used. */
export const EXIT = { ok: 0, cannot: 2 } as const;

/** A failure the user can fix, told in their words; `run` prints it and exits 2. */
class Refused extends Error {}

export interface RunOptions {
  io?: Io;
  catalogues?: CatalogueSource;
  moneyLabel?: string;
}

export async function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const io = options.io ?? processIo;
  const catalogues = options.catalogues ?? builtInCatalogues;
  const moneyLabel = options.moneyLabel ?? DEFAULT_MONEY_LABEL;
  let exitCode: number = EXIT.ok;
  const line = (text = "") => io.out(`${text}\n`);

  const program = new Command("toms")
    .description("Score social value evaluation workbooks and manage the catalogue of measures.")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  async function catalogueFor(version: string, file: string | undefined, where: string): Promise<Catalogue> {
    if (file) {
      const catalogue = await loadCatalogueFile(file);
      if (catalogue.version !== version) {
        throw new Refused(`${where} uses catalogue version "${version}", but ${basename(file)} is version "${catalogue.version}". Use the catalogue file of version "${version}".`);
      }
      return catalogue;
    }
    const found = await catalogues.get(version);
    if (found) return found;
    const known = await catalogues.versions();
    throw new Refused(`${where} uses catalogue version "${version}", which this installation does not have (it has ${known.map((v) => `"${v}"`).join(", ")}). Pass that version's catalogue file with --catalogue FILE.csv.`);
  }

  program
    .command("score")
    .description("Score an evaluation workbook (format v1) and list any issues.")
    .argument("<file>", "the evaluation workbook (.xlsx)")
    .option("--catalogue <file>", "score with this catalogue file (CSV or XLSX) instead of the installed catalogues")
    .option("--json", "print one JSON object instead of a table")
    .option("--write", "add or replace the Results and Breakdown sheets in the file; every other sheet is kept")
    .action(async (file: string, opts: { catalogue?: string; json?: boolean; write?: boolean }) => {
      const name = basename(file);
      const { excel, grid, bytes } = await openWorkbook(file);
      const tender = readTender(grid);
      if (!tender.ok) throw new Refused(refusalText(name, tender.refusal));
      const catalogue = await catalogueFor(tender.tender.catalogueVersion, opts.catalogue, `${name} (sheet Tender)`);
      const scoring = scoreWorkbook(grid, catalogue);
      if (!scoring.ok) throw new Refused(refusalText(name, scoring.refusal));
      const json = scoreJson(scoring.scored);
      const label = catalogue.moneyLabel ?? moneyLabel;
      if (opts.json) io.out(`${JSON.stringify(json, null, 2)}\n`);
      else io.out(scoreTable(name, json, label));
      if (opts.write) {
        // Results and Breakdown are replaced anyway; anything exceljs cannot keep elsewhere is refused.
        const sheets = outputSheets(scoring.scored, label);
        const output = new Set(sheets.map((s) => s.name.toLowerCase()));
        const unkept = await partsExcelJsCannotKeep(bytes);
        const lost = unkept.sheets.filter((s) => !output.has(s.toLowerCase()));
        if (lost.length > 0 || unkept.chartSheets) {
          const where = lost.length > 0 ? `charts, drawings or pivot tables on ${lost.map((s) => `"${s}"`).join(", ")}` : "chart sheets";
          throw new Refused(`${name} was scored (above) but not written: it has ${where}, which toms cannot keep when it saves a workbook. Score it in Excel with the TOMs add-in, or copy the results from here.`);
        }
        replaceSheets(excel, sheets);
        const temporary = `${file}.${process.pid}.tmp`;
        try {
          await excel.xlsx.writeFile(temporary);
          await rename(temporary, file);
        } catch (e) {
          await rm(temporary, { force: true });
          throw new Refused(`Could not write ${name}: ${e instanceof Error ? e.message : String(e)}. Is it open in Excel?`);
        }
        (opts.json ? io.err : io.out)(`Wrote the Results and Breakdown sheets to ${name}.\n`);
      }
    });

  program
    .command("template")
    .description("Write a ready evaluation workbook (format v1) for a tender.")
    .requiredOption("--catalogue-version <version>", "the catalogue version the tender is scored with")
    .option("--measures <codes>", 'measure codes, comma separated (e.g. "CCC-EC03,CCC-EN06")')
    .option("--all", "include every measure of the catalogue")
    .requiredOption("--bidders <names>", 'bidders\' names, comma separated (e.g. "Acme Ltd,Beta plc")')
    .requiredOption("-o, --output <file>", "the workbook to write (.xlsx)")
    .option("--catalogue <file>", "take the measures from this catalogue file (CSV or XLSX)")
    .option("--reference <reference>", "the tender reference to fill in")
    .action(async (opts: { catalogueVersion: string; measures?: string; all?: boolean; bidders: string; output: string; catalogue?: string; reference?: string }) => {
      if (Boolean(opts.measures) === Boolean(opts.all)) throw new Refused("Give either --measures CODES or --all (one of them).");
      if (existsSync(opts.output)) throw new Refused(`${opts.output} already exists; choose another name or delete it first.`);
      const catalogue = await catalogueFor(opts.catalogueVersion, opts.catalogue, "The template");
      const bidders = splitList(opts.bidders);
      const built = buildTemplate({
        catalogue,
        measures: opts.all ? "all" : splitList(opts.measures ?? ""),
        bidders,
        reference: opts.reference,
        moneyLabel: catalogue.moneyLabel ?? moneyLabel,
      });
      if (!built.ok) throw new Refused(built.message);
      await fromGrid(built.workbook).xlsx.writeFile(opts.output);
      const commitments = findSheet(built.workbook, SHEETS.commitments);
      line(`Wrote ${opts.output}: ${(commitments?.rows.length ?? 1) - 1} measures, ${bidders.length} bidders, catalogue version ${catalogue.version}.`);
    });

  const catalogueCommand = program.command("catalogue").description("Export or import the catalogue of measures.");
  catalogueCommand
    .command("export")
    .description(`Write a catalogue as CSV (columns Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source).`)
    .option("--version <version>", "the version to export (default: the latest)")
    .option("-o, --output <file>", "write to this file instead of the screen")
    .action(async (opts: { version?: string; output?: string }) => {
      const catalogue = opts.version ? await catalogueFor(opts.version, undefined, "The export") : await catalogues.latest();
      const csv = formatCatalogueCsv(catalogue);
      if (!opts.output) return io.out(csv);
      await writeFile(opts.output, csv, "utf8");
      line(`Wrote catalogue version ${catalogue.version} (${catalogue.measures.length} measures) to ${opts.output}.`);
    });
  catalogueCommand
    .command("import")
    .description("Check a catalogue file (CSV or XLSX) and publish it as a new version where storage is available.")
    .argument("<file>", "the catalogue file")
    .action(async (file: string) => {
      const catalogue = await loadCatalogueFile(file);
      const priced = catalogue.measures.filter((m) => m.proxyValue !== null).length;
      const themes = new Map<string, number>();
      for (const m of catalogue.measures) themes.set(m.theme, (themes.get(m.theme) ?? 0) + 1);
      line(`${basename(file)}: catalogue version ${catalogue.version}, ${catalogue.measures.length} measures (${priced} priced, ${catalogue.measures.length - priced} record only).`);
      line(`Themes: ${[...themes].map(([t, n]) => `${t} ${n}`).join(", ")}.`);
      const existing = await catalogues.get(catalogue.version);
      if (existing) {
        if (formatCatalogueCsv(existing) === formatCatalogueCsv(catalogue)) {
          line(`Version ${catalogue.version} is already published with exactly these measures; nothing to do.`);
          return;
        }
        throw new Refused(`Version ${catalogue.version} is already published with different measures, and a published version never changes. Give the new catalogue a new version.`);
      }
      if (!catalogues.publish) {
        line("The file is valid. This installation cannot store catalogues, so nothing was published.");
        return;
      }
      await catalogues.publish(catalogue);
      line(`Published catalogue version ${catalogue.version}.`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof Refused) {
      io.err(`${e.message}\n`);
      exitCode = EXIT.cannot;
    } else if (e instanceof CommanderError) {
      exitCode = e.exitCode;
    } else {
      throw e;
    }
  }
  return exitCode;
}

async function openWorkbook(file: string) {
  if (!existsSync(file)) throw new Refused(`${file} does not exist.`);
  try {
    const bytes = await readFile(file);
    return { ...(await readXlsx(bytes)), bytes };
  } catch (e) {
    throw new Refused(`${basename(file)} cannot be opened as an Excel workbook (.xlsx): ${e instanceof Error ? e.message : String(e)}.`);
  }
}

async function loadCatalogueFile(file: string): Promise<Catalogue> {
  if (!existsSync(file)) throw new Refused(`The catalogue file ${file} does not exist.`);
  const read = await readCatalogueFile(file).catch((e: unknown) => {
    throw new Refused(`${basename(file)} cannot be read as a catalogue (CSV or XLSX): ${e instanceof Error ? e.message : String(e)}.`);
  });
  if (!read.ok) throw new Refused(`${basename(file)} is not a valid catalogue:\n${read.problems.map((p: CatalogueProblem) => `  ${p.message}`).join("\n")}`);
  return read.catalogue;
}

function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

const money = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fixed2 = (n: number) => n.toFixed(2);

/** The readable table `toms score` prints: rounded for display only. */
export function scoreTable(file: string, json: ScoreJson, moneyLabel: string): string {
  const t = json.tender;
  const head = ["Rank", "Bidder", `Social value (${moneyLabel})`, "SV add", "Quantitative", "Qualitative", "Total"];
  const body = json.bidders.map((b) => [
    String(b.rank),
    b.bidder,
    money.format(b.socialValue),
    b.socialValueAdd === null ? "none" : `${fixed2(b.socialValueAdd * 100)}%`,
    fixed2(b.quantitativeMarks),
    fixed2(b.qualitativeMarks),
    fixed2(b.totalMarks),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? "").length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 1 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ").trimEnd();
  const lines = [
    `${file}: tender ${t.reference}, catalogue version ${t.catalogueVersion}`,
    `Weighting ${t.weighting} marks, quantitative share ${t.quantitativeShare}%, qualitative maximum ${t.qualitativeMaximum}, basis ${t.basis}, deliverability threshold ${t.deliverabilityThreshold}%`,
    "",
    fmt(head),
    ...body.map(fmt),
    "",
    ...issueLines(json.issues),
  ];
  return `${lines.join("\n")}\n`;
}

/** A workbook that cannot be scored: what stops it, then every other issue found on the way. */
function refusalText(file: string, refusal: Refusal): string {
  return [`${file}: ${refusal.message}`, ...(refusal.issues.length > 0 ? ["", ...issueLines(refusal.issues)] : [])].join("\n");
}

function issueLines(issues: Issue[]): string[] {
  if (issues.length === 0) return ["No issues."];
  const count = (s: Issue["severity"]) => issues.filter((i) => i.severity === s).length;
  const codeWidth = Math.max(...issues.map((i) => i.code.length));
  return [
    `${issues.length} issue(s): ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info.`,
    ...issues.map((i) => `  ${i.severity.padEnd(7)}  ${i.code.padEnd(codeWidth)}  ${i.message}`),
  ];
}
