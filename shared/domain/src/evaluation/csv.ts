// RFC 4180 CSV, small enough to run in the browser: fields may be quoted, quotes inside quoted
// fields are doubled, quoted fields may hold commas and line breaks, lines end in CRLF or LF.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Parses CSV text into rows of fields. A byte order mark and one final line break are ignored. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let line = 1;
  let i = 0;
  let atFieldStart = true;
  const endField = () => {
    row.push(field);
    field = "";
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (atFieldStart && ch === '"') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvSyntaxError(`A quoted field opened on line ${startLine} is never closed.`, startLine);
        const c = src[i];
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvSyntaxError(`Line ${line}: text follows a closing quote; quotes inside a field must be doubled ("").`, line);
      }
      atFieldStart = false;
      continue;
    }
    if (ch === ",") {
      endField();
      i++;
    } else if (ch === "\r" && src[i + 1] === "\n") {
      endRow();
      line++;
      i += 2;
    } else if (ch === "\n" || ch === "\r") {
      endRow();
      line++;
      i++;
    } else {
      if (ch === '"') throw new CsvSyntaxError(`Line ${line}: a quote appears inside an unquoted field; quote the whole field and double the quote.`, line);
      field += ch;
      atFieldStart = false;
      i++;
    }
  }
  // The last line has no line break, or the text is empty.
  if (!atFieldStart || row.length > 0 || field !== "") endRow();
  return rows;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Formats rows as CSV with CRLF line ends (RFC 4180), quoting only where needed. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quoteField).join(",")).join("\r\n") + "\r\n";
}
