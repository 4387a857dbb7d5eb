import { describe, it, expect } from "vitest";
import { catalogueFromRows, catalogueProblemLines, catalogueProblemText, catalogueToRows, CATALOGUE_COLUMNS, CATALOGUE_LIMITS, formatCatalogueCsv, parseCatalogueCsv } from "./catalogue-csv.js";
import { sameMeasures, type Catalogue } from "./catalogue.js";
import type { CatalogueProblem } from "./catalogue-csv.js";
import { DEFAULT_CATALOGUE, DEFAULT_CATALOGUE_VERSION } from "./default-catalogue.js";
import { LIMITS } from "./limits.js";
import { TEST_CATALOGUE } from "./test-support.js";

describe("the council's default catalogue (Appendix 1)", () => {
  const measures = DEFAULT_CATALOGUE.measures;
  it("has one measure per distinct indicator: 21 economic, 12 social, 19 environmental", () => {
    // The version the CLI, the API and the add-in's functions name; never reused once published.
    expect(DEFAULT_CATALOGUE_VERSION).toBe("2026.1");
    const count = (theme: string) => measures.filter((m) => m.theme === theme).length;
    expect([count("Economic"), count("Social"), count("Environmental"), measures.length]).toEqual([21, 12, 19, 52]);
  });
  it("has unique, stable codes", () => {
    expect(new Set(measures.map((m) => m.code.toUpperCase())).size).toBe(measures.length);
    expect(measures.every((m) => /^CCC-(EC|SO|EN)\d{2}$/.test(m.code))).toBe(true);
    expect(measures.find((m) => m.code === "CCC-EN06")?.name).toMatch(/^Savings in CO2 emissions on contract/);
  });
  it("links an indicator listed under several outcomes to all of them", () => {
    // "No. of weeks of apprentices on site" appears under the 2nd and 3rd economic outcomes.
    const weeks = measures.filter((m) => m.name === "No. of weeks of apprentices on site");
    expect(weeks).toHaveLength(1);
    expect(weeks[0]?.outcomes.map((o) => o.slice(0, 30))).toEqual(["Improved employability of youn", "Support and empower local peop"]);
    // "No. of training weeks provided to local people" appears under the 1st and 3rd.
    expect(measures.find((m) => m.code === "CCC-EC02")?.outcomes).toHaveLength(2);
  });
  it("prices from stated open data, with a unit and a source for every measure", () => {
    for (const m of measures) {
      expect(m.unit).not.toBe("");
      expect(m.source).not.toBe("");
      if (m.proxyValue === null) expect(m.source).toMatch(/^Record only/);
    }
    const proxy = (code: string) => measures.find((m) => m.code === code)?.proxyValue;
    expect(proxy("CCC-EC03")).toBe(37430); // ONS ASHE 2024 median full-time gross annual pay
    expect(proxy("CCC-EC09")).toBe(504.38); // £13.45 x 37.5 hours = £504.375
    expect(proxy("CCC-EC11")).toBe(13.45); // real Living Wage 2025-26
    expect(proxy("CCC-EN06")).toBe(268.97); // DESNZ central carbon value
    expect(proxy("CCC-EN04")).toBe(0.07); // 0.27 kg x £268.97 per tonne = £0.0726
    expect(proxy("CCC-EN18")).toBeNull(); // a policy in place is record only
    expect(measures.some((m) => /Social Value Portal|National TOMs/i.test(m.source))).toBe(false);
  });
});

describe("catalogue CSV", () => {
  it("round-trips the default catalogue exactly", () => {
    const back = parseCatalogueCsv(formatCatalogueCsv(DEFAULT_CATALOGUE));
    expect(back).toEqual({ ok: true, catalogues: [DEFAULT_CATALOGUE] });
  });
  it("writes one row per measure and outcome under the agreed header", () => {
    const rows = catalogueToRows(TEST_CATALOGUE);
    expect(rows[0]?.join(",")).toBe("Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source");
    expect(rows.slice(1).map((r) => [r[1], r[3], r[6]])).toEqual([
      ["T01", "Jobs", "100"],
      ["T02", "Health", "2.5"],
      ["T02", "Community", "2.5"],
      ["T03", "Policy", ""],
    ]);
  });
  it("reads cells from a spreadsheet, numbers and all, columns in any order", () => {
    const out = catalogueFromRows([
      ["Code", "Version", "Theme", "Outcome", "Measure", "Unit", "Proxy value", "Source"],
      ["X1", 2027.1, "Social", "O", "Hours", "hours", 12.5, "ONS"],
      [null, null, null, null, null, null, null, null],
      ["X2", "2027.1", "Social", "", "Policy", "yes", null, ""],
    ]);
    expect(out).toEqual({
      ok: true,
      catalogues: [
        {
          version: "2027.1",
          measures: [
            { code: "X1", theme: "Social", outcomes: ["O"], name: "Hours", unit: "hours", proxyValue: 12.5, source: "ONS" },
            { code: "X2", theme: "Social", outcomes: [], name: "Policy", unit: "yes", proxyValue: null, source: "" },
          ],
        },
      ],
    });
  });
  it("names the row and column of every bad cell", () => {
    const csv = [
      "Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source",
      "V,A1,Economic,O1,Jobs,FTE,abc,ONS",
      "V,A2,Economic,O1,Jobs,FTE,-4,ONS",
      ",A3,,O1,Jobs,,5,",
      "V,A4,Economic,O1,Hours,h,5,ONS",
      "V,A4,Social,O2,Hours,h,5,ONS",
      "V,A4,Economic,O1,Hours,h,5,ONS",
    ].join("\n");
    const out = parseCatalogueCsv(csv);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "Proxy value"],
      [3, "Proxy value"],
      [4, "Version"],
      [4, "Theme"],
      [4, "Unit"],
      [4, "Source"],
      [6, "Theme"],
      [7, "Outcome"],
    ]);
    expect(out.problems.map(catalogueProblemText).slice(0, 3)).toEqual([
      'Row 2, column "Proxy value": "abc" is not an amount in £; leave it blank for a record-only measure.',
      'Row 3, column "Proxy value": -4 is negative; a proxy value is £ of social value per unit, 0 or more.',
      'Row 4, column "Version": the version is empty.',
    ]);
    expect(catalogueProblemText(out.problems[6] as CatalogueProblem)).toBe('Row 6, column "Theme": measure A4 of version V already appears on row 5 with Theme "Economic"; its rows must agree on everything but the outcome.');
    expect(out.unlisted).toBe(0);
  });
  it("takes a proxy value up to £1,000,000 per unit and names the row of a larger one", () => {
    // A workbook cell holds a number; a CSV cell holds text, with or without thousands commas.
    const out = catalogueFromRows([
      [...CATALOGUE_COLUMNS],
      ["V", "A1", "Economic", "O1", "Jobs", "FTE", LIMITS.proxyValue, "ONS"],
      ["V", "A2", "Economic", "O1", "Jobs", "FTE", LIMITS.proxyValue + 0.01, "ONS"],
      ["V", "A3", "Economic", "O1", "Jobs", "FTE", "1,000,000,000", "ONS"],
      ["V", "A4", "Economic", "O1", "Jobs", "FTE", 1e300, "ONS"],
    ]);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map(catalogueProblemText)).toEqual([
      'Row 3, column "Proxy value": 1000000.01 is too large; a proxy value is £ of social value per unit, at most £1,000,000.',
      'Row 4, column "Proxy value": 1000000000 is too large; a proxy value is £ of social value per unit, at most £1,000,000.',
      'Row 5, column "Proxy value": 1e+300 is too large; a proxy value is £ of social value per unit, at most £1,000,000.',
    ]);
    const atTheLimit = parseCatalogueCsv(`${CATALOGUE_COLUMNS.join(",")}\nV,A1,Economic,O1,Jobs,FTE,1000000,ONS\n`);
    expect(atTheLimit.ok && atTheLimit.catalogues[0]?.measures[0]?.proxyValue).toBe(1_000_000);
  });
  it("names missing header columns", () => {
    const out = parseCatalogueCsv("Version,Code,Theme,Measure,Unit,Proxy value,Source\n");
    expect(out).toEqual({ ok: false, problems: [{ row: 1, column: "Outcome", message: expect.stringContaining('no "Outcome" column') }], unlisted: 0 });
    if (!out.ok) expect(catalogueProblemText(out.problems[0] as CatalogueProblem)).toBe('Row 1 (the header): there is no "Outcome" column. The columns are: Version, Code, Theme, Outcome, Measure, Unit, Proxy value, Source.');
  });
  it("refuses an empty catalogue and broken CSV", () => {
    expect(parseCatalogueCsv(CATALOGUE_COLUMNS.join(",") + "\n").ok).toBe(false);
    const broken = parseCatalogueCsv(CATALOGUE_COLUMNS.join(",") + '\nV,"A1,Economic\n');
    expect(broken).toMatchObject({ ok: false, problems: [{ row: null, message: "A quoted field opened on line 2 is never closed." }] });
  });
});

describe("catalogue files with several versions", () => {
  const v1: Catalogue = { version: "2027.1", measures: [{ code: "A1", theme: "Economic", outcomes: ["Jobs"], name: "Jobs", unit: "FTE", proxyValue: 100, source: "ONS" }] };
  const v2: Catalogue = {
    version: "2027.2",
    measures: [
      { code: "A1", theme: "Economic", outcomes: ["Jobs", "Skills"], name: "Jobs", unit: "FTE", proxyValue: 120, source: "ONS" },
      { code: "A2", theme: "Social", outcomes: [], name: "Policy", unit: "yes", proxyValue: null, source: "" },
    ],
  };
  it("writes the whole history in one file and reads every version back, in order", () => {
    const csv = formatCatalogueCsv(v1, v2);
    expect(csv.split("\r\n").slice(1, 5)).toEqual(["2027.1,A1,Economic,Jobs,Jobs,FTE,100,ONS", "2027.2,A1,Economic,Jobs,Jobs,FTE,120,ONS", "2027.2,A1,Economic,Skills,Jobs,FTE,120,ONS", "2027.2,A2,Social,,Policy,yes,,"]);
    expect(parseCatalogueCsv(csv)).toEqual({ ok: true, catalogues: [v1, v2] });
  });
  it("groups rows by version wherever they stand, and a code is unique within its version only", () => {
    const rows = catalogueToRows(v1, v2);
    const shuffled = [rows[0], rows[2], rows[1], rows[4], rows[3]] as string[][];
    expect(catalogueFromRows(shuffled)).toEqual({ ok: true, catalogues: [v2, v1] });
  });
  it("tells the same version from a changed one, whatever the order of its rows", () => {
    expect(sameMeasures(v2, { ...v2, measures: [...v2.measures].reverse().map((m) => ({ ...m, outcomes: [...m.outcomes].reverse() })) })).toBe(true);
    expect(sameMeasures(v2, { ...v2, measures: v2.measures.map((m, i) => (i === 0 ? { ...m, proxyValue: 121 } : m)) })).toBe(false);
    expect(sameMeasures(v2, { ...v2, measures: v2.measures.slice(0, 1) })).toBe(false);
  });
});

describe("catalogue exports and CSV injection", () => {
  it("round-trips codes and names starting =, +, - or @, and cells a spreadsheet shows as text", () => {
    const tricky: Catalogue = {
      version: "-2027",
      measures: [
        { code: "-X1", theme: "=Economic", outcomes: ["+Jobs", "@Skills"], name: "=HYPERLINK(\"http://x\")", unit: "-", proxyValue: 5, source: "+ONS" },
        { code: "@X2", theme: "Social", outcomes: ["'=kept as typed"], name: "it's", unit: "h", proxyValue: null, source: "" },
      ],
    };
    const csv = formatCatalogueCsv(tricky);
    expect(csv.split("\r\n")[1]).toBe(`-2027,"'-X1","'=Economic","'+Jobs","'=HYPERLINK(""http://x"")","'-",5,"'+ONS"`);
    expect(parseCatalogueCsv(csv)).toEqual({ ok: true, catalogues: [tricky] });
    // A workbook saved from that CSV holds the guarded text, quote and all: it reads the same.
    expect(catalogueFromRows([[...CATALOGUE_COLUMNS], ["'-2027", "'-X1", "'=Economic", "'+Jobs", "'=HYPERLINK(\"http://x\")", "'-", 5, "'+ONS"]])).toMatchObject({ ok: true, catalogues: [{ measures: [{ code: "-X1", name: '=HYPERLINK("http://x")' }] }] });
  });
});

describe("catalogue limits", () => {
  const header = CATALOGUE_COLUMNS.join(",");
  it("lists the first problems of a file of junk and counts the rest", () => {
    const junk = `${header}\n${"junk line\n".repeat(1000)}`;
    const out = parseCatalogueCsv(junk);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    // Each junk row has no code, theme, measure or unit: 4 problems, 4000 in all.
    expect(out.problems).toHaveLength(CATALOGUE_LIMITS.listedProblems);
    expect(out.unlisted).toBe(4000 - CATALOGUE_LIMITS.listedProblems);
    const lines = catalogueProblemLines(out);
    expect(lines[0]).toBe('Row 2, column "Code": the measure code is empty.');
    expect(lines.at(-1)).toBe("… and 3900 more.");
  });
  it("reads no more rows than a file may hold, and says so", () => {
    const row = "V,A,Economic,O,Jobs,FTE,1,ONS\n";
    const rows = Array.from({ length: CATALOGUE_LIMITS.rows + 500 }, (_, i) => row.replace(",A,", `,A${i},`)).join("");
    const out = parseCatalogueCsv(`${header}\n${rows}`);
    expect(out).toEqual({ ok: false, problems: [{ row: null, column: null, message: expect.stringContaining(`more than ${CATALOGUE_LIMITS.rows} rows`) }], unlisted: 0 });
    expect(parseCatalogueCsv(`${header}\n${rows.split("\n").slice(0, CATALOGUE_LIMITS.rows).join("\n")}`).ok).toBe(true);
  });
  it("refuses a cell longer than a catalogue value, without quoting it back", () => {
    const long = "x".repeat(CATALOGUE_LIMITS.cellCharacters + 1);
    const out = parseCatalogueCsv(`${header}\nV,A1,Economic,O,${long},FTE,1,ONS\n`);
    expect(out).toEqual({ ok: false, problems: [{ row: 2, column: "Measure", message: `the cell holds ${long.length} characters; a cell may hold at most ${CATALOGUE_LIMITS.cellCharacters}.` }], unlisted: 0 });
  });
});
