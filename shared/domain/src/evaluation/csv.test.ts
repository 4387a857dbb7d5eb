import { describe, it, expect } from "vitest";
import { CsvSyntaxError, formatCsv, parseCsv } from "./csv.js";

describe("RFC 4180 CSV", () => {
  it("parses quoted fields with commas, doubled quotes and line breaks", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\n1,,3,\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\r\nlines"],
      ["1", "", "3", ""],
    ]);
  });
  it("accepts a byte order mark, LF or CRLF, and a missing final line break", () => {
    expect(parseCsv("\uFEFFx,y\ny,z")).toEqual([
      ["x", "y"],
      ["y", "z"],
    ]);
  });
  it("keeps an empty quoted field and a trailing empty field", () => {
    expect(parseCsv('"",a,\r\n')).toEqual([["", "a", ""]]);
  });
  it("refuses an unclosed quote, naming the line it opened on", () => {
    expect(() => parseCsv('a\n"b,c\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"b,c\n')).toThrow(/line 2/);
  });
  it("refuses a stray quote inside an unquoted field", () => {
    expect(() => parseCsv('ab"c\n')).toThrow(/quote/);
  });
  it("formats with CRLF, quoting only what needs it, and round-trips", () => {
    const rows = [["plain", "with,comma", 'with "quote"', "line\nbreak", " padded ", ""]];
    const csv = formatCsv(rows);
    expect(csv).toBe('plain,"with,comma","with ""quote""","line\nbreak"," padded ",\r\n');
    expect(parseCsv(csv)).toEqual(rows);
  });
});
