// Evaluation workbooks of any size for tests and the bench: the domain's template, filled in
// with deterministic prices, scores and quantities.
import { buildTemplate, DEFAULT_CATALOGUE, findSheet, SHEETS, type Catalogue, type Workbook } from "@toms/domain";

/** A catalogue of `count` measures across three themes, every fifth one record only. */
export function syntheticCatalogue(count: number, version = "bench-1"): Catalogue {
  const themes = ["Economic", "Social", "Environmental"];
  return {
    version,
    measures: Array.from({ length: count }, (_, i) => ({
      code: `M${String(i + 1).padStart(4, "0")}`,
      theme: themes[i % 3] ?? "Economic",
      outcomes: [`Outcome ${(i % 7) + 1}`],
      name: `Measure ${i + 1}`,
      unit: "units",
      proxyValue: i % 5 === 4 ? null : 10 + (i % 13) * 7.5,
      source: "Synthetic, for tests",
    })),
  };
}

/** A filled evaluation workbook: `bidders` bidders, the first `measures` measures of the catalogue. */
export function filledWorkbook(catalogue: Catalogue, bidders: number, measures: number): Workbook {
  const names = Array.from({ length: bidders }, (_, b) => `Bidder ${b + 1}`);
  const built = buildTemplate({ catalogue, measures: catalogue.measures.slice(0, measures).map((m) => m.code), bidders: names, reference: "T-2026-001" });
  if (!built.ok) throw new Error(built.message);
  const { workbook } = built;
  const biddersSheet = findSheet(workbook, SHEETS.bidders);
  const commitments = findSheet(workbook, SHEETS.commitments);
  if (!biddersSheet || !commitments) throw new Error("the template has no Bidders or Commitments sheet");
  biddersSheet.rows.slice(1).forEach((row, b) => {
    row[1] = { ...row[1], value: 100_000 + b * 7_919 };
    row[2] = { ...row[2], value: (b % 6) * 1 };
  });
  commitments.rows.slice(1).forEach((row, m) => {
    for (let b = 0; b < bidders; b++) {
      const cell = row[5 + b];
      if (cell) cell.value = (b * 31 + m * 17) % 23 === 0 ? null : ((b * 7 + m * 3) % 40) + 1;
    }
  });
  return workbook;
}

/** The council's catalogue with 5 bidders on its first 20 measures. */
export function smallWorkbook(): { catalogue: Catalogue; workbook: Workbook } {
  return { catalogue: DEFAULT_CATALOGUE, workbook: filledWorkbook(DEFAULT_CATALOGUE, 5, 20) };
}
