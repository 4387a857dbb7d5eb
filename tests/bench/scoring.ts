// `npm run bench -- scoring`: the scoring engine on 200 bidders x 300 measures (alone, and with
// reading the workbook grid), and `toms score` end to end against a bare exceljs read of the same
// workbook, at 5 and 200 bidders (300 measures), as `BENCH cli-vs-bare-read-ratio R` per size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { buildTemplate, formatCatalogueCsv, readEvaluation, scoreEvaluation, scoreWorkbook, type Catalogue, type Workbook } from "@toms/domain";

const THEMES = ["Economic", "Social", "Environmental"];

/** A synthetic catalogue: measure i is worth (i % 17) + 0.5 £ per unit; every 10th is record only. */
function syntheticCatalogue(measures: number): Catalogue {
  return {
    version: "BENCH.1",
    measures: Array.from({ length: measures }, (_, i) => ({
      code: `B${String(i + 1).padStart(4, "0")}`,
      theme: THEMES[i % THEMES.length] ?? "Economic",
      outcomes: [`Outcome ${i % 7}`],
      name: `Synthetic measure ${i + 1}`,
      unit: "units",
      proxyValue: i % 10 === 9 ? null : (i % 17) + 0.5,
      source: "synthetic",
    })),
  };
}

/** A filled evaluation workbook: every bidder commits a little to every measure. */
function filledWorkbook(catalogue: Catalogue, bidderCount: number): Workbook {
  const bidders = Array.from({ length: bidderCount }, (_, b) => `Bidder ${b + 1}`);
  const built = buildTemplate({ catalogue, measures: "all", bidders, reference: "BENCH" });
  if (!built.ok) throw new Error(built.message);
  for (const sheet of built.workbook.sheets) {
    if (sheet.name === "Bidders") sheet.rows.slice(1).forEach((row, b) => {
      row[1] = { value: 1_000_000 + b * 1000 };
      row[2] = { value: (b % 5) + 0.5 };
    });
    if (sheet.name === "Commitments") sheet.rows.slice(1).forEach((row, m) => {
      for (let b = 0; b < bidderCount; b++) row[5 + b] = { value: ((m * 31 + b * 7) % 50) + 1 };
    });
  }
  return built.workbook;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const catalogue = syntheticCatalogue(300);

/** Median milliseconds of `runs` calls after 10 warm-up calls. */
function timeMedian(runs: number, f: () => void): number {
  for (let i = 0; i < 10; i++) f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return median(times);
}

// The engine alone (scoring an evaluation already read), then reading the 200 x 300 grid and
// scoring it, as the add-in does with what Office.js returns (10% of the cells are record-only
// commitments, each reported as an issue, so this also measures issue reporting).
const big = filledWorkbook(catalogue, 200);
const read = readEvaluation(big, catalogue);
if (!read.ok) throw new Error(read.refusal.message);
console.log(`BENCH scoring-engine-200x300 ${timeMedian(50, () => scoreEvaluation(read.evaluation)).toFixed(2)} ms`);
console.log(`BENCH read-and-score-200x300 ${timeMedian(50, () => scoreWorkbook(big, catalogue)).toFixed(2)} ms`);

// CLI end to end: a child process scoring an .xlsx with a catalogue CSV, against a child process
// that only reads the same file with exceljs (Node's start, exceljs's loading and the read: what
// no CLI can avoid). The exceljs adapter is loaded only now: the engine above runs as in the
// add-in, without it in the heap.
const { fromGrid } = await import("@toms/xlsx");
const dir = mkdtempSync(join(tmpdir(), "toms-bench-"));
const RUNS = 7;
/** Wall-clock milliseconds of one child process; it must succeed. */
function timeChild(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}
try {
  const csv = join(dir, "catalogue.csv");
  writeFileSync(csv, formatCatalogueCsv(catalogue));
  const bin = join(process.cwd(), "cli", "bin", "toms.js");
  const bareRead = ["--input-type=module", "-e", "import ExcelJS from 'exceljs'; await new ExcelJS.Workbook().xlsx.readFile(process.argv[1]);"];
  for (const bidders of [5, 200]) {
    const xlsx = join(dir, `evaluation-${bidders}x300.xlsx`);
    await fromGrid(filledWorkbook(catalogue, bidders)).xlsx.writeFile(xlsx);
    // Interleaved, so that a busy machine slows both alike.
    const cli: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timeChild([...bareRead, xlsx]));
      cli.push(timeChild([bin, "score", xlsx, "--catalogue", csv, "--json"]));
    }
    console.log(`toms score against a bare exceljs read, ${bidders} bidders x 300 measures (medians of ${RUNS} runs):`);
    console.log(`BENCH cli-score-${bidders}x300 ${median(cli).toFixed(0)} ms`);
    console.log(`BENCH bare-read-${bidders}x300 ${median(bare).toFixed(0)} ms`);
    console.log(`BENCH cli-vs-bare-read-ratio ${(median(cli) / median(bare)).toFixed(2)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
