import { describe, it, expect } from "vitest";
import { csvCell, CsvSyntaxError, formatCsv, parseCsv, readCsvCell } from "./csv.js";

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
  it("stops reading after the rows asked for", () => {
    expect(parseCsv("a\nb\nc\nd\n", 2)).toEqual([["a"], ["b"]]);
    expect(parseCsv("a\nb", 2)).toEqual([["a"], ["b"]]);
  });
});

describe("CSV injection (OWASP)", () => {
  // Each character a spreadsheet starts a formula with, at the start of a cell.
  const formulas = ["=SUM(A1:A9)", "+44 24 7683 3333", "-X1", "@SUM(A1)", "\tcmd", "\r=1+1"];

  it("writes a cell starting a formula behind a single quote, quoted", () => {
    expect(formulas.map(csvCell)).toEqual(['"\'=SUM(A1:A9)"', '"\'+44 24 7683 3333"', '"\'-X1"', '"\'@SUM(A1)"', '"\'\tcmd"', '"\'\r=1+1"']);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });
  it("round-trips each of them, and text that already starts with a quote", () => {
    const rows = [[...formulas, "'=A1", "''-2", "'plain", "it's"]];
    expect(parseCsv(formatCsv(rows)).map((r) => r.map(readCsvCell))).toEqual(rows);
  });
  it("leaves plain numbers as numbers, negative ones too, and other text alone", () => {
    const rows = [["-4", "+1.5", "-0.25", "-1e3", "4", "x=y", "a-b"]];
    expect(formatCsv(rows)).toBe("-4,+1.5,-0.25,-1e3,4,x=y,a-b\r\n");
    expect(parseCsv(formatCsv(rows)).map((r) => r.map(readCsvCell))).toEqual(rows);
    expect(csvCell("-4+cmd")).toBe('"\'-4+cmd"');
  });
});
