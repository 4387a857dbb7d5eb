import { describe, expect, it } from "vitest";
import { EMPTY_KPI_FIELDS, figureText, kpiInputOf, parseFigure, targetChangeOf } from "./kpi-form.js";

describe("a figure as typed", () => {
  it("reads numbers as people type them", () => {
    expect(parseFigure("98")).toBe(98);
    expect(parseFigure(" 97.5 ")).toBe(97.5);
    expect(parseFigure("1,250")).toBe(1250);
    expect(parseFigure("1,250,000.5")).toBe(1250000.5);
    expect(parseFigure("-2")).toBe(-2);
    expect(parseFigure("−2")).toBe(-2);
    expect(parseFigure("0")).toBe(0);
  });

  it("is null when blank and undefined when it is not a number", () => {
    expect(parseFigure("")).toBeNull();
    expect(parseFigure("   ")).toBeNull();
    expect(parseFigure("ninety")).toBeUndefined();
    expect(parseFigure("98%")).toBeUndefined();
    expect(parseFigure("1.2.3")).toBeUndefined();
    expect(parseFigure("12,34")).toBeUndefined();
  });
});

describe("the new KPI sent", () => {
  const fields = { ...EMPTY_KPI_FIELDS, title: "Bins collected on the scheduled day", unit: "%", target: "98", direction: "higher" as const, frequency: "quarterly" as const, reporter: "manager" as const };

  it("is what was typed, with no tolerance when it is blank (the service then uses 10% of the target)", () => {
    expect(kpiInputOf(fields)).toEqual({ ok: true, value: { title: "Bins collected on the scheduled day", unit: "%", target: 98, direction: "higher", frequency: "quarterly", reporter: "manager" } });
  });

  it("carries the tolerance and description when given", () => {
    expect(kpiInputOf({ ...fields, tolerance: "1.5", description: "Counted from the round sheets." })).toEqual({
      ok: true,
      value: { title: "Bins collected on the scheduled day", unit: "%", target: 98, tolerance: 1.5, direction: "higher", frequency: "quarterly", reporter: "manager", description: "Counted from the round sheets." },
    });
  });

  it("leaves it to the service to judge titles, units and a negative tolerance", () => {
    const sent = kpiInputOf({ ...fields, title: "  ", unit: "", tolerance: "-5" });
    expect(sent).toEqual({ ok: true, value: { title: "  ", unit: "", target: 98, tolerance: -5, direction: "higher", frequency: "quarterly", reporter: "manager" } });
  });

  it("is not sent without a target, or with a figure that is not a number", () => {
    expect(kpiInputOf({ ...fields, target: "" })).toEqual({ ok: false, problems: { target: "Give the target: the value the supplier should reach each period." } });
    expect(kpiInputOf({ ...fields, target: "lots", tolerance: "a bit" })).toEqual({ ok: false, problems: { target: "Must be a number, such as 98 or 97.5.", tolerance: "Must be a number, such as 98 or 97.5." } });
  });
});

describe("the new target sent", () => {
  it("is the target and tolerance from the period chosen; a blank tolerance is 10% of the target (null)", () => {
    expect(targetChangeOf({ target: "55", tolerance: "", fromPeriod: "2026-04" })).toEqual({ ok: true, value: { target: 55, tolerance: null, fromPeriod: "2026-04" } });
    expect(targetChangeOf({ target: "55", tolerance: "2", fromPeriod: "2026-Q2" })).toEqual({ ok: true, value: { target: 55, tolerance: 2, fromPeriod: "2026-Q2" } });
  });

  it("is not sent without a target that is a number", () => {
    expect(targetChangeOf({ target: "", tolerance: "", fromPeriod: "2026-04" })).toEqual({ ok: false, problems: { target: "Give the new target." } });
    expect(targetChangeOf({ target: "55", tolerance: "x", fromPeriod: "2026-04" })).toEqual({ ok: false, problems: { tolerance: "Must be a number, such as 98 or 97.5." } });
  });

  it("offers the current figures to change", () => {
    expect(figureText(97.5)).toBe("97.5");
    expect(figureText(null)).toBe("");
  });
});
