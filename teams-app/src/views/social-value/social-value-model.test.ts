import { describe, expect, it } from "vitest";
import { chartRows, deliveredShare, groupSlug, hasFigures, readQuery, writeQuery, yearContaining, yearLabel, yearOnYear, yearOptions } from "./social-value-model.js";

const row = (label: string, committed: number, delivered: number) => ({ key: label, label, committed, delivered, previousCommitted: 0, previousDelivered: 0 });

describe("the page's address", () => {
  it("reads the year, its type and the grouping", () => {
    expect(readQuery(new URLSearchParams("year=2024&yearType=calendar&group=service-area"))).toEqual({ year: 2024, yearType: "calendar", group: "byServiceArea" });
  });

  it("falls back to the service's year, financial, by theme, for what it cannot read", () => {
    expect(readQuery(new URLSearchParams("year=25&yearType=fiscal&group=colour"))).toEqual({ year: undefined, yearType: "financial", group: "byTheme" });
    expect(readQuery(new URLSearchParams(""))).toEqual({ year: undefined, yearType: "financial", group: "byTheme" });
  });

  it("writes what it reads, leaving out the default grouping", () => {
    expect(writeQuery({ year: 2025, yearType: "financial", group: "byTheme" }).toString()).toBe("year=2025&yearType=financial");
    const written = writeQuery({ year: 2023, yearType: "calendar", group: "byMeasure" });
    expect(written.toString()).toBe("year=2023&yearType=calendar&group=measure");
    expect(readQuery(written)).toEqual({ year: 2023, yearType: "calendar", group: "byMeasure" });
  });

  it("names every grouping in the address by its words", () => {
    expect(["byTheme", "byOutcome", "byMeasure", "byContract", "bySupplier", "byServiceArea"].map((k) => groupSlug(k as never))).toEqual(["theme", "outcome", "measure", "contract", "supplier", "service-area"]);
  });
});

describe("the years on offer", () => {
  it("knows the financial year starts in April", () => {
    expect(yearContaining("2026-03-31", "financial")).toBe(2025);
    expect(yearContaining("2026-04-01", "financial")).toBe(2026);
    expect(yearContaining("2026-01-01", "calendar")).toBe(2026);
  });

  it("offers the year so far and the five before it, newest first, in the council's words", () => {
    expect(yearOptions("2026-12-02", "financial")).toEqual([
      { year: 2026, label: "2026/27 (so far)" },
      { year: 2025, label: "2025/26" },
      { year: 2024, label: "2024/25" },
      { year: 2023, label: "2023/24" },
      { year: 2022, label: "2022/23" },
      { year: 2021, label: "2021/22" },
    ]);
    expect(yearOptions("2026-12-02", "calendar", undefined, 2)).toEqual([
      { year: 2026, label: "2026 (so far)" },
      { year: 2025, label: "2025" },
    ]);
  });

  it("adds a year a link chose outside the list, in its place", () => {
    expect(yearOptions("2026-12-02", "financial", 2015, 2).map((o) => o.label)).toEqual(["2026/27 (so far)", "2025/26", "2015/16"]);
    expect(yearOptions("2026-12-02", "financial", 2028, 1).map((o) => o.label)).toEqual(["2028/29 (not yet begun)", "2026/27 (so far)"]);
  });

  it("calls the financial year 2099/00 by its two digits", () => {
    expect(yearLabel(2099, "financial", "2126-01-01")).toBe("2099/00");
  });
});

describe("the figures", () => {
  it("has nothing to show only when both years are empty", () => {
    const empty = { totals: { committed: 0, delivered: 0, previousCommitted: 0, previousDelivered: 0 }, lines: [] };
    expect(hasFigures(empty)).toBe(false);
    expect(hasFigures({ ...empty, totals: { ...empty.totals, previousDelivered: 12 } })).toBe(true);
  });

  it("says delivered as a share of committed, with none for nothing committed", () => {
    expect(deliveredShare(267530, 176793.38)).toBe(66);
    expect(deliveredShare(0, 50)).toBeNull();
  });

  it("compares delivered with the year before, to the penny", () => {
    expect(yearOnYear({ delivered: 176793.38, previousDelivered: 142689.34 })).toEqual({ change: 34104.04, percent: 24 });
    expect(yearOnYear({ delivered: 0.3, previousDelivered: 0.1 + 0.2 })).toEqual({ change: 0, percent: 0 });
    expect(yearOnYear({ delivered: 10, previousDelivered: 0 })).toEqual({ change: 10, percent: null });
  });

  it("charts the largest rows and leaves the rest to the table", () => {
    const rows = [row("A", 10, 1), row("B", 30, 0), row("C", 20, 5), row("D", 20, 9)];
    const { shown, left } = chartRows(rows, 3);
    expect(shown.map((r) => r.label)).toEqual(["B", "D", "C"]);
    expect(left).toBe(1);
    expect(chartRows(rows).left).toBe(0);
  });
});
