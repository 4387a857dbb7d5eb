import { describe, it, expect } from "vitest";
import { cellAddress, columnName, isPercentFormat, readNumber } from "./grid.js";

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
