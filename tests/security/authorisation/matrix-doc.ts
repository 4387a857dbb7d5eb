// docs/authorisation.md as the matrix says it: written by `npm run docs:authorisation`
// (scripts/authorisation-matrix.mjs), compared with the file by matrix.test.ts.
import { AREAS, CALLER_TITLES, CALLERS, MATRIX, rowName, STATUS_WORDS, type MatrixRow } from "./matrix.js";

const cell = (status: number) => `${status} ${STATUS_WORDS[status] ?? ""}`.trim();

function table(rows: MatrixRow[]): string[] {
  const lines = [`| Route | ${CALLERS.map((c) => CALLER_TITLES[c]).join(" | ")} |`, `|---|${CALLERS.map(() => "---").join("|")}|`];
  for (const row of rows) {
    if ("rule" in row.cells) continue;
    const cells = row.cells;
    lines.push(`| \`${rowName(row)}\` | ${CALLERS.map((c) => cell(cells[c])).join(" | ")} |`);
  }
  return lines;
}

/** The whole page, from the matrix. */
export function renderAuthorisationDoc(): string {
  const out = [
    "# Who may call what",
    "",
    "<!-- Generated from tests/security/authorisation/matrix.ts by `npm run docs:authorisation`: do not edit by hand. -->",
    "",
    "Every route the service answers, and what each kind of caller gets from it, as an HTTP status.",
    "The table is the authorisation matrix that `tests/security/authorisation/matrix.test.ts` checks",
    "against the running service, cell by cell, and that test fails when this page is not what the",
    "matrix says, or when the service has a route the matrix does not list (or the other way round).",
    "",
    "\"This\" contract is managed by the contract manager in the \"this contract\" column and supplied",
    "by the organisation of the supplier contact in the \"this supplier\" column; \"another's\" are a",
    "manager of another contract and a contact of another supplier. The EDI analyst and a token with",
    "no role the suite knows (anyone in the council's tenant, before an app role is assigned) get",
    "their own columns.",
    "",
    "- **200, 201 yes**: let in, and the write is stored (the test reads it back for most writes).",
    "- **401 sign in**: no token, or one that does not verify (docs/security.md, \"Sign-in\").",
    "- **403 refused**: signed in, but the role may not do this.",
    "- **404 not found**: the caller may not see the record, so it is answered as if it did not exist:",
    "  nobody learns which contracts or suppliers exist outside their own.",
    "",
    "What the test holds besides the statuses:",
    "",
    "- A refusal stores nothing: before and after the refused calls (all of them run first) it reads",
    "  the suppliers and contacts, the contracts, KPIs, updates and assessments, the evaluations and",
    "  withdrawals, the KPI templates, service areas and catalogues, who owes what (with the",
    "  reminders asked for), the diversity campaigns, last year's baseline and this year's answers,",
    "  and they must read the same.",
    "- A refusal does not tell whether the record exists: a caller who may not read a record gets",
    "  the same answer about one that does not exist. A 404 never names the record.",
    "- A refusal is a problem in words (application/problem+json with a `detail`), never an empty body.",
    "- A token with no role the suite knows is let in only where no sign-in is needed, and to",
    "  `GET /api/me`.",
    "",
  ];
  for (const area of AREAS) {
    const rows = MATRIX.filter((row) => row.area === area);
    if (rows.length === 0) continue;
    out.push(`## ${area}`, "");
    const guarded = rows.filter((row) => !("rule" in row.cells));
    if (guarded.length > 0) out.push(...table(guarded), "");
    const notes = guarded.filter((row) => row.note);
    for (const row of notes) out.push(`- \`${rowName(row)}\`: ${row.note}`);
    if (notes.length > 0) out.push("");
    const ruled = rows.filter((row): row is MatrixRow & { cells: { rule: string } } => "rule" in row.cells);
    if (ruled.length > 0) {
      out.push("Outside bearer sign-in, each with its own rule:", "", "| Route | Who may call it |", "|---|---|");
      for (const row of ruled) out.push(`| \`${rowName(row)}\` | ${row.cells.rule} |`);
      out.push("");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
