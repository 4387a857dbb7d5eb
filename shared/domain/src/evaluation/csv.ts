// RFC 4180 CSV, small enough to run in the browser: fields may be quoted, quotes inside quoted
// fields are doubled, quoted fields may hold commas and line breaks, lines end in CRLF or LF.
// Every CSV the suite writes goes through `csvCell`, which also guards against CSV injection.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Line breaks in a stretch of text, for naming lines in messages. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/**
 * Parses CSV text into rows of fields. A byte order mark and one final line break are ignored.
 * Reading stops after `maxRows` rows, so a caller with a limit never holds more than it allows.
 * Fields are cut out of the text whole (not built a character at a time): a few MB take
 * milliseconds.
 */
export function parseCsv(text: string, maxRows = Number.POSITIVE_INFINITY): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = src.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let line = 1;
  let i = 0;
  while (i < end && rows.length < maxRows) {
    let field: string;
    if (src.charCodeAt(i) === QUOTE) {
      const startLine = line;
      field = "";
      let from = i + 1;
      for (;;) {
        const quote = src.indexOf('"', from);
        if (quote < 0) throw new CsvSyntaxError(`A quoted field opened on line ${startLine} is never closed.`, startLine);
        const part = src.slice(from, quote);
        line += lineBreaks(part);
        field += part;
        if (src.charCodeAt(quote + 1) === QUOTE) {
          field += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      const next = src.charCodeAt(i);
      if (i < end && next !== COMMA && next !== LF && next !== CR) {
        throw new CsvSyntaxError(`Line ${line}: text follows a closing quote; quotes inside a field must be doubled ("").`, line);
      }
    } else {
      let j = i;
      for (; j < end; j++) {
        const c = src.charCodeAt(j);
        if (c === COMMA || c === LF || c === CR) break;
        if (c === QUOTE) throw new CsvSyntaxError(`Line ${line}: a quote appears inside an unquoted field; quote the whole field and double the quote.`, line);
      }
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= end) break;
    if (src.charCodeAt(i) === COMMA) {
      i++;
      // A comma ending the text leaves one empty field after it.
      if (i >= end) row.push("");
      continue;
    }
    i += src.charCodeAt(i) === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    rows.push(row);
    row = [];
  }
  // The last line has no line break.
  if (row.length > 0 && rows.length < maxRows) rows.push(row);
  return rows;
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
// What `csvCell` wrote for such a cell: one added quote before the text (which may itself start
// with quotes, so that a text like "'=A1" round-trips too).
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;
/** Whether a spreadsheet would run this text as a formula once it is in a cell: it starts with =, +, -, @, a tab or a carriage return. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

// A plain number such as -4 or +1.5 is never run as a formula, and stays a number in Excel.
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * One CSV field as the suite writes it. A cell that a spreadsheet would run as a formula (it starts
 * with =, +, -, @, a tab or a carriage return, and is not a plain number) is written as OWASP
 * advises against CSV injection: a single quote before it, and the cell quoted. `readCsvCell`
 * reads it back. Any other field is quoted only where RFC 4180 needs it.
 *
 * @example csvCell("=HYPERLINK(\"x\")") === "\"'=HYPERLINK(\"\"x\"\")\""; csvCell("-4") === "-4"
 */
export function csvCell(text: string): string {
  const guarded = (startsLikeFormula(text) && !PLAIN_NUMBER.test(text)) || ESCAPED_FORMULA.test(text);
  if (guarded) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A field's value as `csvCell` was given it: the quote it added before a formula is taken off. */
export function readCsvCell(field: string): string {
  return ESCAPED_FORMULA.test(field) ? field.slice(1) : field;
}

/** Formats rows as CSV with CRLF line ends (RFC 4180), every field written by `csvCell`. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
