import { describe, expect, it } from "vitest";
import { offeredPeriod, targetPeriodChoices } from "./target-periods.js";

const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"].map((period) => {
  const m = Number(period.slice(5));
  const end = new Date(Date.UTC(2026, m, 0)).toISOString().slice(0, 10);
  return { period, startDate: `${period}-01`, endDate: end };
});
const version = (fromPeriod: string, target: number) => ({ fromPeriod, target, tolerance: null, changedAt: "2026-01-01T00:00:00Z", changedBy: "tom.brennan" });

describe("the periods a new target can start from", () => {
  it("are the KPI's periods from the one its current target applies from, labelled as people say them", () => {
    expect(targetPeriodChoices(months, [version("2026-01", 50)])).toEqual([
      { period: "2026-01", label: "January 2026" },
      { period: "2026-02", label: "February 2026" },
      { period: "2026-03", label: "March 2026" },
      { period: "2026-04", label: "April 2026" },
      { period: "2026-05", label: "May 2026" },
    ]);
    expect(targetPeriodChoices(months, [version("2026-01", 50), version("2026-04", 55)]).map((c) => c.period)).toEqual(["2026-04", "2026-05"]);
  });

  it("label quarters by their months", () => {
    const quarters = [{ period: "2026-Q1", startDate: "2026-01-01" }, { period: "2026-Q2", startDate: "2026-04-01" }];
    expect(targetPeriodChoices(quarters, [version("2026-Q1", 10)]).map((c) => c.label)).toEqual(["January to March 2026", "April to June 2026"]);
  });

  it("offer first the period today is in, else the next to begin, else the last", () => {
    const all = targetPeriodChoices(months, [version("2026-01", 50)]);
    expect(offeredPeriod(all, months, "2026-03-15")).toBe("2026-03");
    expect(offeredPeriod(targetPeriodChoices(months, [version("2026-01", 50), version("2026-04", 55)]), months, "2026-03-15")).toBe("2026-04");
    expect(offeredPeriod(all, months, "2025-12-01")).toBe("2026-01");
    expect(offeredPeriod(all, months, "2027-01-01")).toBe("2026-05");
    expect(offeredPeriod([], months, "2026-03-15")).toBeUndefined();
  });
});
