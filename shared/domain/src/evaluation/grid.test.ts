import { describe, it, expect } from "vitest";
import { cellAddress, columnName, isDateFormat, isPercentFormat, readNumber } from "./grid.js";

describe("A1 addresses", () => {
  it("names columns as Excel does", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    expect(cellAddress(0, 0)).toBe("A1");
    expect(cellAddress(9, 27)).toBe("AB10");
  });
});

describe("percentage formats", () => {
  it("recognises % outside quotes and escapes only", () => {
    expect(isPercentFormat("0%")).toBe(true);
    expect(isPercentFormat("0.00%")).toBe(true);
    expect(isPercentFormat('0"%"')).toBe(false);
    expect(isPercentFormat("0\\%")).toBe(false);
    expect(isPercentFormat("General")).toBe(false);
    expect(isPercentFormat(undefined)).toBe(false);
  });
});

describe("reading numbers", () => {
  it("reads a percentage-formatted 0.6 as 60", () => {
    expect(readNumber({ value: 0.6, numberFormat: "0%" })).toEqual({ kind: "number", value: 60, fromText: false });
  });
  it("reads plain numbers as they are", () => {
    expect(readNumber({ value: 0.6 })).toEqual({ kind: "number", value: 0.6, fromText: false });
  });
  it("reads numbers typed as text and says so", () => {
    expect(readNumber({ value: "1,200" })).toEqual({ kind: "number", value: 1200, fromText: true });
    expect(readNumber({ value: "£5,000.50" })).toEqual({ kind: "number", value: 5000.5, fromText: true });
    expect(readNumber({ value: " 60% " })).toEqual({ kind: "number", value: 60, fromText: true });
    expect(readNumber({ value: "-3" })).toEqual({ kind: "number", value: -3, fromText: true });
  });
  it("does not guess at text that is not plainly a number", () => {
    expect(readNumber({ value: "12 apples" }).kind).toBe("not-a-number");
    expect(readNumber({ value: "1,20" }).kind).toBe("not-a-number");
    expect(readNumber({ value: "(1,000)" }).kind).toBe("not-a-number");
    expect(readNumber({ value: true }).kind).toBe("not-a-number");
  });
  it("tells blanks and error values apart", () => {
    expect(readNumber(undefined)).toEqual({ kind: "blank" });
    expect(readNumber({ value: "   " })).toEqual({ kind: "blank" });
    expect(readNumber({ value: { error: "#N/A" } })).toEqual({ kind: "error", error: "#N/A" });
  });
});

describe("dates typed where numbers belong", () => {
  it("knows date and time formats from number formats", () => {
    for (const format of ["dd/mm/yyyy", "d-mmm-yy", "[h]:mm", "h:mm AM/PM", "yyyy-mm-dd hh:mm:ss", "[$-809]dd mmmm yyyy"]) {
      expect(isDateFormat(format), format).toBe(true);
    }
    for (const format of [undefined, "General", "0", "#,##0.00", "0.00%", "£#,##0", "[$£-809]#,##0.00", '0 "hours"', "0.00E+00", "_-£* #,##0_-"]) {
      expect(isDateFormat(format), String(format)).toBe(false);
    }
  });

  it("reads a number shown as a date as not a number, shown as the evaluator sees it", () => {
    // "1/2" typed into a cell becomes 1 February: serial 46054 in 2026.
    expect(readNumber({ value: 46054, numberFormat: "dd/mm/yyyy" })).toEqual({ kind: "not-a-number", text: "01/02/2026" });
    expect(readNumber({ value: 0.5625, numberFormat: "h:mm" })).toEqual({ kind: "not-a-number", text: "13:30" });
    expect(readNumber({ value: 46054, numberFormat: "#,##0" })).toEqual({ kind: "number", value: 46054, fromText: false });
  });
});
