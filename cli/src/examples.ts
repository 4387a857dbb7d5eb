// Writes examples/evaluation-example.xlsx: a filled, moderated and scored evaluation workbook
// made with the default catalogue (`npm run examples -w @toms/cli`).
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildTemplate, DEFAULT_CATALOGUE, findSheet, outputSheets, scoreWorkbook, SHEETS, type Cell, type Sheet, type Workbook } from "@toms/domain";
import { fromGrid } from "@toms/xlsx";

const bidders = ["Acme Construction Ltd", "Coventry Build Co", "Midlands Works plc"];
const prices = [1_200_000, 950_000, 1_100_000];
const qualitative = [4, 3.5, 4.5];
/** Committed quantities over the contract term, one per bidder. */
const commitments: Record<string, number[]> = {
  "CCC-EC03": [2, 1, 3], // FTE years of local people employed within the service
  "CCC-EC04": [3, 4, 2], // FTE years of local people employed on site
  "CCC-EC09": [104, 156, 52], // weeks of apprentices on site
  "CCC-EC11": [200, 80, 300], // hours supporting young people into work
  "CCC-SO11": [5000, 2500, 10000], // £ donated to local community projects
  "CCC-EN06": [40, 25, 60], // tonnes CO2e saved on the contract
  "CCC-EN07": [120, 200, 90], // tonnes diverted from landfill
  "CCC-EN18": [1, 1, 0], // environmental policy in place (record only)
};

function sheet(workbook: Workbook, name: string): Sheet {
  const found = findSheet(workbook, name);
  if (!found) throw new Error(`the template has no ${name} sheet`);
  return found;
}
function set(s: Sheet, row: number, column: number, cell: Partial<Cell> & Pick<Cell, "value">): void {
  const r = s.rows[row] ?? (s.rows[row] = []);
  r[column] = { ...r[column], ...cell };
}

export function exampleWorkbook(): Workbook {
  const built = buildTemplate({ catalogue: DEFAULT_CATALOGUE, measures: Object.keys(commitments), bidders, reference: "CCC-2026-017" });
  if (!built.ok) throw new Error(built.message);
  const wb = built.workbook;
  set(sheet(wb, SHEETS.tender), 2, 1, { value: "Central Library refurbishment works" });
  const biddersSheet = sheet(wb, SHEETS.bidders);
  bidders.forEach((_, b) => {
    set(biddersSheet, b + 1, 1, { value: prices[b] ?? null });
    set(biddersSheet, b + 1, 2, { value: qualitative[b] ?? null });
  });
  const commitmentsSheet = sheet(wb, SHEETS.commitments);
  Object.values(commitments).forEach((quantities, m) => {
    quantities.forEach((q, b) => set(commitmentsSheet, m + 1, 5 + b, { value: q }));
  });
  // Moderation: the evaluator accepts half of one commitment, as a percentage-formatted cell.
  sheet(wb, SHEETS.moderation).rows.push([
    { value: "Midlands Works plc" },
    { value: "CCC-EC03" },
    { value: 0.5, numberFormat: "0%" },
    { value: "Half of these posts are existing staff moved onto the contract, not new local jobs." },
  ]);
  const scored = scoreWorkbook(wb, DEFAULT_CATALOGUE);
  if (!scored.ok) throw new Error(scored.refusal.message);
  return { sheets: [...wb.sheets, ...outputSheets(scored.scored)] };
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const target = join(root, "examples", "evaluation-example.xlsx");
await mkdir(dirname(target), { recursive: true });
await fromGrid(exampleWorkbook()).xlsx.writeFile(target);
console.log(`Wrote ${target}`);
