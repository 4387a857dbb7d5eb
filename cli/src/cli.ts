// The `toms` command line: score evaluation workbooks, make templates, export and import
// catalogues. `run` takes its output streams and catalogue source as arguments, so tests and
// the storage-backed installation call it the same way the bin does. It loads what each command
// needs only when it runs (exceljs for workbooks, storage for stored catalogues): most of a
// command's time is loading modules.
import { existsSync, readFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { Command, CommanderError, Help, type Option } from "commander";
import {
  blocker,
  buildTemplate,
  catalogueProblemLines,
  findSheet,
  SHEETS,
  TENDER_LABELS,
  DEFAULT_MONEY_LABEL,
  formatCatalogueCsv,
  outputSheets,
  readTender,
  refusalOf,
  scoreJson,
  scoreWorkbook,
  type Catalogue,
  type Issue,
  type Refusal as ScoringRefusal,
  type ScoreJson,
} from "@toms/domain/evaluation";
import type { readXlsx as ReadXlsx } from "@toms/xlsx";
import { builtInCatalogues, readCatalogueFile, type CatalogueSource } from "./catalogues.js";
import { cannotRead, cannotWrite, Refusal, unexpectedFailure } from "./refusal.js";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * Exit codes: 0 done (issues may be listed); 1 `score --strict` listed an Error-level issue;
 * 2 not done: the file or the command cannot be used, or something failed.
 */
export const EXIT = { ok: 0, errorsListed: 1, cannot: 2 } as const;

export interface RunOptions {
  io?: Io;
  catalogues?: CatalogueSource;
  moneyLabel?: string;
  /** Print the details of an unexpected failure (TOMS_DEBUG=1). */
  debug?: boolean;
}

const VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** Refuses an output file whose name does not say what toms writes into it. */
function requireExtension(file: string, extension: ".xlsx" | ".csv", what: string): void {
  if (extname(file).toLowerCase() !== extension) {
    throw new Refusal(`${file} does not end in ${extension}: toms writes ${what} there. Give a file name ending in ${extension}.`);
  }
}

/** Writes a file, or refuses in plain words (`cannot write /x/t.xlsx: the folder does not exist.`). */
async function writeOutput(file: string, data: string | Uint8Array, flag: "w" | "wx" = "w"): Promise<void> {
  try {
    await writeFile(file, data, { flag });
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

export async function run(argv: string[], options: RunOptions = {}): Promise<number> {
  const io = options.io ?? processIo;
  const catalogues = options.catalogues ?? builtInCatalogues;
  const moneyLabel = options.moneyLabel ?? DEFAULT_MONEY_LABEL;
  let exitCode: number = EXIT.ok;
  const line = (text = "") => io.out(`${text}\n`);

  const program = new Command("toms")
    .description("Score social value evaluation workbooks and manage the catalogue of measures.")
    .version(VERSION, "-V, --version", "print the version of toms")
    // Options before the command belong to toms (--version), after it to the command.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError("(add --help to see the options)")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp({
      optionDescription(option: Option) {
        const description = Help.prototype.optionDescription.call(this, option);
        return option.mandatory ? `${description} (required)` : description;
      },
    });

  /**
   * The catalogue of a version, from a catalogue file when one is given, else from the
   * installation; or, when neither has it, the end of a sentence saying so ("uses catalogue
   * version ..., which this installation does not have ...") for the caller to begin.
   */
  async function catalogueFor(version: string, file: string | undefined): Promise<{ ok: true; catalogue: Catalogue } | { ok: false; missing: string }> {
    if (file) {
      const held = await loadCatalogueFile(file);
      const found = held.find((c) => c.version === version);
      if (found) return { ok: true, catalogue: found };
      const versions = held.map((c) => `"${c.version}"`).join(", ");
      return { ok: false, missing: `uses catalogue version "${version}", but ${basename(file)} holds ${held.length === 1 ? "version" : "versions"} ${versions}. Use a catalogue file that holds version "${version}".` };
    }
    const found = await catalogues.get(version);
    if (found) return { ok: true, catalogue: found };
    return { ok: false, missing: `uses catalogue version "${version}", which ${await installationHas()}. Pass a catalogue file that holds it with --catalogue FILE (.csv or .xlsx).` };
  }

  const installationHas = async () => `this installation does not have (it has ${(await catalogues.versions()).map((v) => `"${v}"`).join(", ")})`;

  program
    .command("score")
    .description("Score an evaluation workbook (format v1) and list any issues.")
    .argument("<file>", "the evaluation workbook (.xlsx)")
    .option("--catalogue <file>", "score with the workbook's version from this catalogue file (.csv or .xlsx) instead of the installed catalogues")
    .option("--json", "print one JSON object instead of a table")
    .option("--write", "add or replace the Results and Breakdown sheets in the file; every other sheet is kept")
    .option("--strict", "exit with code 1 when an Error-level issue is listed (without it, listed issues leave the exit code 0)")
    .action(async (file: string, opts: { catalogue?: string; json?: boolean; write?: boolean; strict?: boolean }) => {
      const name = basename(file);
      if (opts.write) requireExtension(file, ".xlsx", "an Excel workbook with --write");
      const xlsx = await import("@toms/xlsx");
      const { excel, grid, bytes } = await openWorkbook(file, xlsx.readXlsx);
      const tender = readTender(grid);
      if (!tender.ok) throw new Refusal(refusalText(name, tender.refusal));
      const version = tender.tender.catalogueVersion;
      const found = await catalogueFor(version, opts.catalogue);
      if (!found.ok) {
        // The measures cannot be read without their catalogue; what the Tender sheet showed is told with it, as the pane does.
        const unavailable = blocker(`The ${SHEETS.tender} sheet ${found.missing}`, { sheet: SHEETS.tender, field: TENDER_LABELS.catalogueVersion, catalogueVersion: version });
        throw new Refusal(refusalText(name, refusalOf([unavailable, ...tender.blockers], tender.issues)));
      }
      const { catalogue } = found;
      const scoring = scoreWorkbook(grid, catalogue);
      if (!scoring.ok) throw new Refusal(refusalText(name, scoring.refusal));
      const json = scoreJson(scoring.scored);
      const label = catalogue.moneyLabel ?? moneyLabel;
      if (opts.json) io.out(`${JSON.stringify(json, null, 2)}\n`);
      else io.out(scoreTable(name, json, label));
      if (opts.write) {
        // Results and Breakdown are replaced anyway; anything exceljs cannot keep elsewhere is refused.
        const sheets = outputSheets(scoring.scored, label);
        const output = new Set(sheets.map((s) => s.name.toLowerCase()));
        const unkept = await xlsx.partsExcelJsCannotKeep(bytes);
        const lost = unkept.sheets.filter((s) => !output.has(s.toLowerCase()));
        if (lost.length > 0 || unkept.chartSheets) {
          const where = lost.length > 0 ? `charts, drawings or pivot tables on ${lost.map((s) => `"${s}"`).join(", ")}` : "chart sheets";
          throw new Refusal(`${name} was scored (above) but not written: it has ${where}, which toms cannot keep when it saves a workbook. Score it in Excel with the TOMs add-in, or copy the results from here.`);
        }
        xlsx.replaceSheets(excel, sheets);
        // Written beside the file and renamed over it: the workbook is never left half written.
        const temporary = `${file}.${process.pid}.tmp`;
        const data = new Uint8Array(await excel.xlsx.writeBuffer());
        try {
          await writeFile(temporary, data);
          await rename(temporary, file);
        } catch (error) {
          throw cannotWrite(file, error);
        } finally {
          await rm(temporary, { force: true });
        }
        (opts.json ? io.err : io.out)(`Wrote the Results and Breakdown sheets to ${name}.\n`);
      }
      if (opts.strict && json.issues.some((issue) => issue.severity === "error")) exitCode = EXIT.errorsListed;
    });

  program
    .command("template")
    .description("Write a ready evaluation workbook (format v1) for a tender.")
    .requiredOption("--catalogue-version <version>", "the catalogue version the tender is scored with")
    .option("--measures <codes>", 'measure codes, comma separated (e.g. "CCC-EC03,CCC-EN06"); this or --all')
    .option("--all", "include every measure of the catalogue; this or --measures")
    .requiredOption("--bidders <names>", 'bidders\' names, comma separated (e.g. "Acme Ltd,Beta plc")')
    .requiredOption("-o, --output <file>", "the workbook to write (.xlsx)")
    .option("--catalogue <file>", "take the measures from this catalogue file (.csv or .xlsx)")
    .option("--reference <reference>", "the tender reference to fill in")
    .action(async (opts: { catalogueVersion: string; measures?: string; all?: boolean; bidders: string; output: string; catalogue?: string; reference?: string }) => {
      if (Boolean(opts.measures) === Boolean(opts.all)) throw new Refusal("Give either --measures CODES or --all (one of them).");
      requireExtension(opts.output, ".xlsx", "an Excel workbook");
      if (existsSync(opts.output)) throw new Refusal(`${opts.output} already exists; choose another name or delete it first.`);
      const found = await catalogueFor(opts.catalogueVersion, opts.catalogue);
      if (!found.ok) throw new Refusal(`The template ${found.missing}`);
      const { catalogue } = found;
      const bidders = splitList(opts.bidders);
      const built = buildTemplate({
        catalogue,
        measures: opts.all ? "all" : splitList(opts.measures ?? ""),
        bidders,
        reference: opts.reference,
        moneyLabel: catalogue.moneyLabel ?? moneyLabel,
      });
      if (!built.ok) throw new Refusal(built.message);
      const { fromGrid } = await import("@toms/xlsx");
      await writeOutput(opts.output, new Uint8Array(await fromGrid(built.workbook).xlsx.writeBuffer()), "wx");
      const commitments = findSheet(built.workbook, SHEETS.commitments);
      line(`Wrote ${opts.output}: ${(commitments?.rows.length ?? 1) - 1} measures, ${bidders.length} bidders, catalogue version ${catalogue.version}.`);
    });

  const catalogueCommand = program.command("catalogue").description("Export or import the catalogue of measures.");
  catalogueCommand
    .command("export")
    .description(`Write catalogue versions as CSV (columns Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source).`)
    .option("--version <version>", "the version to export (default: the latest)")
    .option("--all", "export every version, oldest first, in one file")
    .option("-o, --output <file>", "write to this file (.csv) instead of the screen")
    .action(async (opts: { version?: string; all?: boolean; output?: string }) => {
      if (opts.version && opts.all) throw new Refusal("Give --version VERSION or --all, not both.");
      if (opts.output) requireExtension(opts.output, ".csv", "CSV");
      let exported: Catalogue[];
      if (opts.all) exported = await catalogues.all();
      else if (!opts.version) exported = [await catalogues.latest()];
      else {
        const found = await catalogues.get(opts.version);
        if (!found) throw new Refusal(`Catalogue version "${opts.version}" is not published: ${await installationHas()}. Publish it with toms catalogue import FILE.`);
        exported = [found];
      }
      const csv = formatCatalogueCsv(...exported);
      if (!opts.output) return io.out(csv);
      await writeOutput(opts.output, csv);
      const measures = exported.reduce((sum, c) => sum + c.measures.length, 0);
      line(`Wrote catalogue ${exported.length === 1 ? "version" : "versions"} ${exported.map((c) => c.version).join(", ")} (${measures} measures) to ${opts.output}.`);
    });
  catalogueCommand
    .command("import")
    .description("Check a catalogue file (.csv or .xlsx) and publish each version it holds that is not published yet.")
    .argument("<file>", "the catalogue file (.csv or .xlsx)")
    .action(async (file: string) => {
      const name = basename(file);
      const held = await loadCatalogueFile(file);
      for (const catalogue of held) {
        const priced = catalogue.measures.filter((m) => m.proxyValue !== null).length;
        const themes = new Map<string, number>();
        for (const m of catalogue.measures) themes.set(m.theme, (themes.get(m.theme) ?? 0) + 1);
        line(`${name}: catalogue version ${catalogue.version}, ${catalogue.measures.length} measures (${priced} priced, ${catalogue.measures.length - priced} record only).`);
        line(`  Themes: ${[...themes].map(([t, n]) => `${t} ${n}`).join(", ")}.`);
      }
      if (!catalogues.publish) {
        line("The file is valid. This installation cannot store catalogues, so nothing was published.");
        return;
      }
      const outcome = await catalogues.publish({ ok: true, catalogues: held, name });
      if (!outcome.ok) throw new Refusal(outcome.message);
      for (const version of outcome.value.unchanged) line(`Version ${version} is already published with exactly these measures; nothing to do.`);
      for (const summary of outcome.value.published) line(`Published catalogue version ${summary.version}.`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof Refusal) {
      io.err(`toms: ${e.message}\n`);
      exitCode = EXIT.cannot;
    } else if (e instanceof CommanderError) {
      // Commander has said what was wrong with the command (or shown the help or version).
      exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.cannot;
    } else {
      io.err(`${unexpectedFailure(e, options.debug ?? false)}\n`);
      exitCode = EXIT.cannot;
    }
  }
  return exitCode;
}

async function openWorkbook(file: string, readXlsx: typeof ReadXlsx) {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Refusal(`${file} does not exist.`);
    throw cannotRead(file, error);
  }
  try {
    return { ...(await readXlsx(bytes)), bytes };
  } catch {
    throw new Refusal(`${basename(file)} is not an Excel workbook (.xlsx). toms scores evaluation workbooks made by toms template or the TOMs add-in.`);
  }
}

/** The catalogue versions a file holds, or a refusal listing its first problems. */
async function loadCatalogueFile(file: string): Promise<Catalogue[]> {
  const read = await readCatalogueFile(file);
  if (!read.ok) throw new Refusal(`${basename(file)} is not a valid catalogue:\n${catalogueProblemLines(read).map((text) => `  ${text}`).join("\n")}`);
  return read.catalogues;
}

function splitList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

const fixed2 = (n: number) => n.toFixed(2);

/** The readable table `toms score` prints: rounded for display only. */
export function scoreTable(file: string, json: ScoreJson, moneyLabel: string): string {
  // Made here, not when the module loads: a formatter costs start-up time that --json never uses.
  const money = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
function refusalText(file: string, refusal: ScoringRefusal): string {
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
