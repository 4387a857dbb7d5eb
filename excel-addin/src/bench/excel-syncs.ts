// The sync-count bench: a scoring run (read, score, write Results and Breakdown) on an
// office-addin-mock workbook of 5 bidders x 20 measures and of 200 x 300. Both must cost the same
// number of context.sync() calls. Times are medians; the adapter's include the mock workbook.
import { DEFAULT_CATALOGUE, outputSheets, scoreJson, scoreWorkbook, type Catalogue, type Workbook } from "@toms/domain";
import { scoreOpenWorkbook } from "../evaluation.js";
import { FakeExcel } from "../testing/fake-excel.js";
import { filledWorkbook, syntheticCatalogue } from "../testing/fixtures.js";

const RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function scoringRun(workbook: Workbook, catalogue: Catalogue): Promise<{ syncs: number; ms: number }> {
  const excel = new FakeExcel(workbook).install();
  const started = performance.now();
  const run = await scoreOpenWorkbook((version) => Promise.resolve(version === catalogue.version ? catalogue : null));
  const ms = performance.now() - started;
  if (!run.ok) throw new Error(run.refusal.message);
  return { syncs: excel.syncs, ms };
}

/** The domain's share of a run: scoring and laying out the output sheets. */
function engineMs(workbook: Workbook, catalogue: Catalogue): number {
  const started = performance.now();
  const read = scoreWorkbook(workbook, catalogue);
  if (!read.ok) throw new Error(read.refusal.message);
  outputSheets(read.scored, catalogue.moneyLabel);
  scoreJson(read.scored);
  return performance.now() - started;
}

const small = await scoringRun(filledWorkbook(DEFAULT_CATALOGUE, 5, 20), DEFAULT_CATALOGUE);
console.log(`BENCH excel-syncs-small ${small.syncs}`);

const catalogue = syntheticCatalogue(300);
const large = filledWorkbook(catalogue, 200, 300);
const runs: { syncs: number; ms: number }[] = [];
const engine: number[] = [];
for (let i = 0; i < RUNS; i++) {
  runs.push(await scoringRun(large, catalogue));
  engine.push(engineMs(large, catalogue));
}
const syncs = new Set(runs.map((r) => r.syncs));
console.log(`BENCH excel-syncs-large ${[...syncs].join("/")}`);
const total = median(runs.map((r) => r.ms));
const engineMedian = median(engine);
console.log(`BENCH excel-adapter-large-ms ${(total - engineMedian).toFixed(1)} ms`);
console.log(`BENCH excel-engine-large-ms ${engineMedian.toFixed(1)} ms`);
console.log(`BENCH excel-scoring-run-large-ms ${total.toFixed(1)} ms`);
if (syncs.size !== 1 || small.syncs !== runs[0]?.syncs || small.syncs > 4) {
  console.error(`A scoring run must cost the same syncs (at most 4) whatever the size: small ${small.syncs}, large ${[...syncs].join("/")}.`);
  process.exitCode = 1;
}
