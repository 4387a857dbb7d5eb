import { describe, expect, it } from "vitest";
import { parseCsv, readCsvCell } from "../evaluation/csv.js";
import type { SocialValueLine } from "./model.js";
import { socialValueReport, socialValueReportCsv, yearRange, type ReportOptions } from "./report.js";

function line(overrides: Partial<SocialValueLine>): SocialValueLine {
  return {
    contractId: "c-1",
    contractReference: "CCC-101",
    supplierId: "s-1",
    serviceArea: "Streetscene",
    kpiId: "sv-1",
    measure: "T01",
    name: "Hours of mentoring",
    theme: "Economic",
    outcomes: ["Jobs", "Skills"],
    unit: "hours",
    period: "2025-Q2",
    periodEnd: "2025-06-30",
    committedQuantity: 10,
    committedValue: 1000,
    deliveredQuantity: 12,
    proxyValue: 100,
    catalogueVersion: "T1",
    deliveredValue: 1200,
    ...overrides,
  };
}

const lines: SocialValueLine[] = [
  line({}),
  // The last day of financial year 2025/26, and the first of the next.
  line({ period: "2026-Q1", periodEnd: "2026-03-31", committedValue: 1000.1, deliveredValue: 0.2 }),
  line({ period: "2026-Q2", periodEnd: "2026-06-30", committedValue: 5, deliveredValue: 5 }),
  // The year before.
  line({ period: "2025-Q1", periodEnd: "2025-03-31", committedValue: 700, deliveredValue: 300 }),
  line({ contractId: "c-2", contractReference: "CCC-202", supplierId: "s-2", serviceArea: null, measure: "T02", name: "Food donated", theme: "Social", outcomes: ["Health"], period: "2025-10", periodEnd: "2025-10-31", committedValue: 250.3, deliveredValue: 100.1 }),
];

const options: ReportOptions = { year: 2025, yearType: "financial", moneyLabel: "Coventry £", generatedAt: "2026-05-01T09:00:00.000Z", supplierNames: { "s-1": "Acme Ltd", "s-2": "Beta CIC" }, contractTitles: { "c-1": "=HYPERLINK(\"http://x\")", "c-2": "Meals" } };

describe("report years", () => {
  it("runs a financial year from April to March, a calendar year from January", () => {
    expect(yearRange(2025, "financial")).toEqual({ from: "2025-04-01", to: "2026-03-31", label: "2025/26" });
    expect(yearRange(1999, "financial").label).toBe("1999/00");
    expect(yearRange(2025, "calendar")).toEqual({ from: "2025-01-01", to: "2025-12-31", label: "2025" });
  });
});

describe("the annual report", () => {
  const report = socialValueReport(lines, options);

  it("counts a line in the year its period ends, with the year before beside it", () => {
    expect(report.lines.map((l) => l.periodEnd)).toEqual(["2025-06-30", "2026-03-31", "2025-10-31"]);
    expect(report).toMatchObject({ year: 2025, yearType: "financial", yearLabel: "2025/26", previousYearLabel: "2024/25", moneyLabel: "Coventry £" });
    expect(report.totals).toEqual({ committed: 1000 + 1000.1 + 250.3, delivered: 1200 + 0.2 + 100.1, previousCommitted: 700, previousDelivered: 300 });
  });

  it("has totals equal to the sum of its lines", () => {
    expect(report.totals.committed).toBe(report.lines.reduce((s, l) => s + l.committedValue, 0));
    expect(report.totals.delivered).toBe(report.lines.reduce((s, l) => s + l.deliveredValue, 0));
  });

  it("takes calendar years when asked", () => {
    const calendar = socialValueReport(lines, { ...options, yearType: "calendar" });
    expect(calendar.lines.map((l) => l.periodEnd)).toEqual(["2025-06-30", "2025-03-31", "2025-10-31"]);
    expect(calendar.totals).toMatchObject({ previousCommitted: 0, previousDelivered: 0 });
    expect(calendar.yearLabel).toBe("2025");
  });

  it("groups by theme, outcome, measure, contract, supplier and service area, sorted by label", () => {
    expect(report.byTheme.map((r) => [r.label, r.committed, r.previousCommitted])).toEqual([
      ["Economic", 2000.1, 700],
      ["Social", 250.3, 0],
    ]);
    // A line serving two outcomes counts under each.
    expect(report.byOutcome.map((r) => r.label)).toEqual(["Health", "Jobs", "Skills"]);
    expect(report.byMeasure.map((r) => r.label)).toEqual(["T01 Hours of mentoring", "T02 Food donated"]);
    expect(report.byContract.map((r) => [r.key, r.label])).toEqual([
      ["c-1", 'CCC-101 =HYPERLINK("http://x")'],
      ["c-2", "CCC-202 Meals"],
    ]);
    expect(report.bySupplier.map((r) => r.label)).toEqual(["Acme Ltd", "Beta CIC"]);
    expect(report.byServiceArea.map((r) => [r.label, r.delivered])).toEqual([
      ["Streetscene", 1200.2],
      ["Not recorded", 100.1],
    ]);
  });
});

describe("the report as CSV", () => {
  const csv = socialValueReportCsv(socialValueReport(lines, { ...options, contractTitles: { ...options.contractTitles, "c-1": "=Bins" } }));
  const rows = parseCsv(csv);

  it("heads its columns with the money and the years", () => {
    expect(rows[0]).toEqual(["Group", "Name", "Committed (Coventry £) 2025/26", "Delivered (Coventry £) 2025/26", "Committed (Coventry £) 2024/25", "Delivered (Coventry £) 2024/25"]);
    expect(rows[1]).toEqual(["Total", "All contracts", "2250.40", "1300.30", "700.00", "300.00"]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("has a row per group row, and escapes a name a spreadsheet would run as a formula", () => {
    // A contract's label starts with its reference, so a title starting with = is not at the cell's start.
    expect(rows.slice(2).map((r) => r[0])).toEqual(["Theme", "Theme", "Outcome", "Outcome", "Outcome", "Measure", "Measure", "Contract", "Contract", "Supplier", "Supplier", "Service area", "Service area"]);
    expect(csv).toContain("\r\nContract,CCC-101 =Bins,");
    const area = socialValueReportCsv(socialValueReport([line({ serviceArea: "=1+1" })], options));
    expect(area).toContain(`\r\nService area,"'=1+1",`);
    const titled = socialValueReportCsv(socialValueReport([line({})], { ...options, contractTitles: {}, supplierNames: { "s-1": "=cmd|' /C calc'!A0" } }));
    expect(titled).toContain(`Supplier,"'=cmd|' /C calc'!A0"`);
    expect(readCsvCell(parseCsv(titled).find((r) => r[0] === "Supplier")?.[1] ?? "")).toBe("=cmd|' /C calc'!A0");
  });
});
