import { describe, expect, it } from "vitest";
import { addDays, addYear, contractPeriods, parsePeriod, periodError, periodInfo, periodLabel, periodOf, periodStartDate, quartersTo, ukDayEnd, ukDayStart } from "./periods.js";

const term = { startDate: "2024-04-01", endDate: "2027-03-31" };

describe("period ids", () => {
  it("reads months, calendar quarters and years", () => {
    expect(parsePeriod("2026-03")).toEqual({ frequency: "monthly", startDate: "2026-03-01", endDate: "2026-03-31" });
    expect(parsePeriod("2026-Q1")).toEqual({ frequency: "quarterly", startDate: "2026-01-01", endDate: "2026-03-31" });
    expect(parsePeriod("2026-Q2")).toEqual({ frequency: "quarterly", startDate: "2026-04-01", endDate: "2026-06-30" });
    expect(parsePeriod("2026-Q4")).toEqual({ frequency: "quarterly", startDate: "2026-10-01", endDate: "2026-12-31" });
    expect(parsePeriod("2026")).toEqual({ frequency: "annual", startDate: "2026-01-01", endDate: "2026-12-31" });
  });

  it("gives a period's first day, and refuses what is not a period", () => {
    expect(["2026-11", "2026-Q4", "2026"].map(periodStartDate)).toEqual(["2026-11-01", "2026-10-01", "2026-01-01"]);
    expect(() => periodStartDate("2026-Q5")).toThrow("Not a period: 2026-Q5");
  });

  it("is not fooled by near misses", () => {
    for (const id of ["2026-13", "2026-00", "2026-3", "2026-Q5", "2026-Q0", "26", "2026-03-01", "", "2026-q1"]) expect(parsePeriod(id)).toBeUndefined();
  });

  it("ends February on the 29th in a leap year only", () => {
    expect(parsePeriod("2028-02")?.endDate).toBe("2028-02-29");
    expect(parsePeriod("2027-02")?.endDate).toBe("2027-02-28");
    expect(parsePeriod("2100-02")?.endDate).toBe("2100-02-28");
    expect(parsePeriod("2000-02")?.endDate).toBe("2000-02-29");
  });

  it("finds the period a day falls in", () => {
    expect(periodOf("2026-03-31", "monthly")).toBe("2026-03");
    expect(periodOf("2026-03-31", "quarterly")).toBe("2026-Q1");
    expect(periodOf("2026-04-01", "quarterly")).toBe("2026-Q2");
    expect(periodOf("2026-12-31", "quarterly")).toBe("2026-Q4");
    expect(periodOf("2026-07-15", "annual")).toBe("2026");
  });

  it("is due a number of days after the period's last day", () => {
    expect(periodInfo("2026-03", 14)).toEqual({ period: "2026-03", startDate: "2026-03-01", endDate: "2026-03-31", due: "2026-04-14" });
    expect(periodInfo("2028-02", 14).due).toBe("2028-03-14");
    expect(periodInfo("2028-02", 1).due).toBe("2028-03-01");
    expect(periodInfo("2027-02", 1).due).toBe("2027-03-01");
    expect(periodInfo("2026", 14).due).toBe("2027-01-14");
    expect(periodInfo("2026-Q4", 31).due).toBe("2027-01-31");
  });
});

describe("a period as people read it", () => {
  it("names the month, the months of the quarter, or the calendar year", () => {
    expect(periodLabel("2026-03")).toBe("March 2026");
    expect(periodLabel("2026-12")).toBe("December 2026");
    expect(periodLabel("2026-Q1")).toBe("January to March 2026");
    expect(periodLabel("2026-Q2")).toBe("April to June 2026");
    expect(periodLabel("2026-Q4")).toBe("October to December 2026");
    expect(periodLabel("2026")).toBe("2026");
  });

  it("shows what is not a period id as it is", () => {
    for (const id of ["2026-13", "2026-Q5", "March 2026", ""]) expect(periodLabel(id)).toBe(id);
  });
});

describe("the quarters up to a day", () => {
  it("ends with the day's own quarter, oldest first, across years", () => {
    expect(quartersTo("2026-05-03", 3)).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(quartersTo("2026-01-01", 8)).toEqual(["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]);
    expect(quartersTo("2026-12-31", 1)).toEqual(["2026-Q4"]);
    expect(quartersTo("2026-09-30", 5)).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
  });

  it("are the quarters periodOf names", () => {
    for (const day of ["2026-03-31", "2026-04-01", "2026-06-30", "2026-07-01", "2026-12-31"]) expect(quartersTo(day, 1)).toEqual([periodOf(day, "quarterly")]);
  });
});

describe("a contract's periods", () => {
  it("are every period that overlaps the term, the first and last clipped ones included", () => {
    const midMonth = { startDate: "2026-01-15", endDate: "2026-04-10" };
    expect(contractPeriods(midMonth, "monthly", 14).map((p) => p.period)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(contractPeriods(midMonth, "quarterly", 14).map((p) => p.period)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(contractPeriods(midMonth, "annual", 14).map((p) => p.period)).toEqual(["2026"]);
  });

  it("keep the periods' own dates, not the term's", () => {
    const [first] = contractPeriods({ startDate: "2026-02-15", endDate: "2026-02-20" }, "monthly", 14);
    expect(first).toEqual({ period: "2026-02", startDate: "2026-02-01", endDate: "2026-02-28", due: "2026-03-14" });
  });

  it("count a financial-year term in months and quarters", () => {
    expect(contractPeriods(term, "monthly", 14)).toHaveLength(36);
    expect(contractPeriods(term, "quarterly", 14).map((p) => p.period)).toEqual(["2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]);
    expect(contractPeriods(term, "annual", 14).map((p) => p.period)).toEqual(["2024", "2025", "2026", "2027"]);
  });

  it("are the same periods however often asked, whatever a caller does with the list", () => {
    const first = contractPeriods(term, "quarterly", 14);
    first.pop();
    expect(contractPeriods(term, "quarterly", 14)).toHaveLength(12);
    expect(contractPeriods(term, "quarterly", 30)[0]?.due).toBe("2024-07-30");
  });

  it("a one-day contract has one period of each frequency", () => {
    const day = { startDate: "2028-02-29", endDate: "2028-02-29" };
    expect(contractPeriods(day, "monthly", 14).map((p) => p.period)).toEqual(["2028-02"]);
    expect(contractPeriods(day, "quarterly", 14).map((p) => p.period)).toEqual(["2028-Q1"]);
  });
});

describe("what is wrong with a period", () => {
  it("says how to write it for the KPI's frequency", () => {
    expect(periodError(term, "monthly", "2026-Q1")).toEqual({ field: "period", message: "must be a month written as YYYY-MM, e.g. 2026-03" });
    expect(periodError(term, "monthly", "March 2026")).toEqual({ field: "period", message: "must be a month written as YYYY-MM, e.g. 2026-03" });
    expect(periodError(term, "quarterly", "2026-03")).toEqual({ field: "period", message: "must be a quarter written as YYYY-Qn, e.g. 2026-Q1" });
    expect(periodError(term, "annual", "2026-Q1")).toEqual({ field: "period", message: "must be a year written as YYYY, e.g. 2026" });
  });

  it("names the contract's term when the period is outside it", () => {
    expect(periodError(term, "monthly", "2023-01")).toEqual({ field: "period", message: "2023-01 is outside the contract (2024-04-01 to 2027-03-31)" });
    expect(periodError(term, "monthly", "2024-03")?.message).toBe("2024-03 is outside the contract (2024-04-01 to 2027-03-31)");
    expect(periodError(term, "monthly", "2027-04")?.message).toBe("2027-04 is outside the contract (2024-04-01 to 2027-03-31)");
  });

  it("accepts a period that only partly overlaps the term", () => {
    expect(periodError(term, "monthly", "2024-04")).toBeUndefined();
    expect(periodError(term, "monthly", "2027-03")).toBeUndefined();
    expect(periodError(term, "quarterly", "2027-Q1")).toBeUndefined();
    expect(periodError(term, "annual", "2024")).toBeUndefined();
    expect(periodError(term, "annual", "2027")).toBeUndefined();
    expect(periodError(term, "annual", "2028")?.message).toBe("2028 is outside the contract (2024-04-01 to 2027-03-31)");
  });
});

describe("day arithmetic", () => {
  it("moves by whole days across month, year and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    // The clocks go forward on 2026-03-29: a day is still a day.
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
  });

  it("moves a year to the same day, 29 February to 28 February", () => {
    expect(addYear("2026-04-01")).toBe("2027-04-01");
    expect(addYear("2028-02-29")).toBe("2029-02-28");
    expect(addYear("2027-02-28")).toBe("2028-02-28");
    expect(addYear("2027-03-01")).toBe("2028-03-01");
  });
});

describe("UK days with their offsets", () => {
  it("starts and ends a day in GMT in winter and BST in summer", () => {
    expect(ukDayStart("2026-03-01")).toBe("2026-03-01T00:00:00+00:00");
    expect(ukDayStart("2026-04-01")).toBe("2026-04-01T00:00:00+01:00");
    expect(ukDayEnd("2026-04-30")).toBe("2026-04-30T23:59:59+01:00");
    expect(ukDayEnd("2026-12-31")).toBe("2026-12-31T23:59:59+00:00");
  });

  it("takes the offset of each end of the day the clocks go forward (last Sunday of March)", () => {
    expect(ukDayStart("2026-03-29")).toBe("2026-03-29T00:00:00+00:00");
    expect(ukDayEnd("2026-03-29")).toBe("2026-03-29T23:59:59+01:00");
    expect(ukDayEnd("2026-03-28")).toBe("2026-03-28T23:59:59+00:00");
    expect(ukDayStart("2026-03-30")).toBe("2026-03-30T00:00:00+01:00");
  });

  it("takes the offset of each end of the day the clocks go back (last Sunday of October)", () => {
    expect(ukDayStart("2026-10-25")).toBe("2026-10-25T00:00:00+01:00");
    expect(ukDayEnd("2026-10-25")).toBe("2026-10-25T23:59:59+00:00");
    expect(ukDayEnd("2026-10-24")).toBe("2026-10-24T23:59:59+01:00");
    expect(ukDayStart("2026-10-26")).toBe("2026-10-26T00:00:00+00:00");
  });

  it("names the same instant as the UK calendar does", () => {
    // 2026-03-29T23:59:59+01:00 is 22:59:59Z; a second later it is the 30th in London.
    expect(new Date(ukDayEnd("2026-03-29")).toISOString()).toBe("2026-03-29T22:59:59.000Z");
    expect(new Date(ukDayStart("2026-10-25")).toISOString()).toBe("2026-10-24T23:00:00.000Z");
    expect(new Date(ukDayEnd("2028-02-29")).toISOString()).toBe("2028-02-29T23:59:59.000Z");
  });
});
