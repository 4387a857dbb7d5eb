import { describe, it, expect } from "vitest";
import { catalogueFromRows, catalogueToRows, CATALOGUE_COLUMNS, formatCatalogueCsv, parseCatalogueCsv } from "./catalogue-csv.js";
import { DEFAULT_CATALOGUE, DEFAULT_CATALOGUE_VERSION } from "./default-catalogue.js";
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
    expect(back).toEqual({ ok: true, catalogue: DEFAULT_CATALOGUE });
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
      catalogue: {
        version: "2027.1",
        measures: [
          { code: "X1", theme: "Social", outcomes: ["O"], name: "Hours", unit: "hours", proxyValue: 12.5, source: "ONS" },
          { code: "X2", theme: "Social", outcomes: [], name: "Policy", unit: "yes", proxyValue: null, source: "" },
        ],
      },
    });
  });
  it("names the row and column of every bad cell", () => {
    const csv = [
      "Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source",
      "V,A1,Economic,O1,Jobs,FTE,abc,ONS",
      "V,A2,Economic,O1,Jobs,FTE,-4,ONS",
      "W,A3,,O1,Jobs,,5,",
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
    expect(out.problems[0]?.message).toBe('Row 2, column "Proxy value": "abc" is not an amount in £; leave it blank for a record-only measure.');
    expect(out.problems[6]?.message).toContain("already appears on row 5");
  });
  it("names missing header columns", () => {
    const out = parseCatalogueCsv("Version,Code,Theme,Measure,Unit,Proxy value,Source\n");
    expect(out).toEqual({ ok: false, problems: [{ row: 1, column: "Outcome", message: expect.stringContaining('no "Outcome" column') }] });
  });
  it("refuses an empty catalogue and broken CSV", () => {
    expect(parseCatalogueCsv(CATALOGUE_COLUMNS.join(",") + "\n").ok).toBe(false);
    const broken = parseCatalogueCsv(CATALOGUE_COLUMNS.join(",") + '\nV,"A1,Economic\n');
    expect(broken).toMatchObject({ ok: false, problems: [{ row: 2 }] });
  });
});
