import { describe, expect, it } from "vitest";
import { KPI_THRESHOLD_WORDS, begunPeriods, directionWords, owedFor, periodStatusWords, toleranceBandWords, withUnit } from "./kpi-words.js";

const march = { startDate: "2026-03-01", due: "2026-04-14" };

describe("period words", () => {
  it("says each status with the date it turns on", () => {
    expect(periodStatusWords({ ...march, status: "overdue" })).toBe("Overdue since 14 April 2026");
    expect(periodStatusWords({ ...march, status: "open" })).toBe("Open: the update is due by 14 April 2026");
    expect(periodStatusWords({ ...march, status: "not-started" })).toBe("Not started: begins on 1 March 2026");
    expect(periodStatusWords({ ...march, status: "accepted" })).toBe("Accepted");
    expect(periodStatusWords({ ...march, status: "awaiting-review" })).toBe("Awaiting review");
    expect(periodStatusWords({ ...march, status: "awaiting-review" }, { since: "2026-04-04", owedBy: "manager", what: "review" })).toBe("Awaiting review since 4 April 2026");
    expect(periodStatusWords({ ...march, status: "rejected" }, { since: "2026-05-03", owedBy: "supplier", what: "correction" })).toBe("Rejected: the supplier owes a correction since 3 May 2026");
    expect(periodStatusWords({ ...march, status: "rejected" })).toBe("Rejected: a correction is to be sent");
  });

  it("finds what is owed on a period of a KPI, and nothing for another", () => {
    const owed = [{ contractId: "c", kpiId: "k1", kpiTitle: "Bins", period: "2026-03", since: "2026-04-14", owedBy: "supplier" as const, what: "update" as const }];
    expect(owedFor(owed, "k1", "2026-03")?.since).toBe("2026-04-14");
    expect(owedFor(owed, "k1", "2026-04")).toBeUndefined();
    expect(owedFor(owed, "k2", "2026-03")).toBeUndefined();
  });

  it("puts the tolerance band on the side that falls short of the target", () => {
    expect(toleranceBandWords("higher", 98, 1, "%")).toBe("97% to 98%");
    expect(toleranceBandWords("lower", 50, 5, "per 100,000")).toBe("50 per 100,000 to 55 per 100,000");
  });

  it("writes values with their unit, and says which way is better", () => {
    expect(withUnit(97.5, "%")).toBe("97.5%");
    expect(withUnit(1234.5, "collections")).toBe("1,234.5 collections");
    expect(withUnit(2.4000000000000004, "")).toBe("2.4");
    expect(directionWords("higher")).toBe("Higher is better");
    expect(directionWords("lower")).toBe("Lower is better");
  });

  it("shows only the periods that have begun", () => {
    const shown = begunPeriods([{ status: "accepted", id: 1 }, { status: "open", id: 2 }, { status: "not-started", id: 3 }] as const);
    expect(shown.map((p) => p.id)).toEqual([1, 2]);
  });
});

describe("the s.52 threshold in words", () => {
  it("says the domain's £5,000,000 as people do", () => {
    expect(KPI_THRESHOLD_WORDS).toBe("£5m");
  });
});
