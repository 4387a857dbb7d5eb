import { describe, expect, it } from "vitest";
import { parseCsv, readCsvCell } from "../evaluation/csv.js";
import { engagementCsv, engagementFilterProblems, engagementRowOf, matchesEngagement } from "./engagement.js";
import { QUESTIONNAIRE_V1 } from "./questionnaire.js";
import type { DiversityAnswers } from "./responses.js";

const answer = (fields: Record<string, string | string[]>): DiversityAnswers => ({ questionnaireVersion: QUESTIONNAIRE_V1.version, privacyNoticeVersion: QUESTIONNAIRE_V1.privacyNoticeVersion, ...fields });
const micro = { employeesBand: "under-10", turnoverBand: "up-to-2m", balanceSheetBand: "up-to-2m" };
const willing = answer({ ...micro, consentToContact: "yes", sector: "construction", barriers: ["payment-terms", "contract-size"], womenOwned: "yes", ethnicMinorityOwned: "no" });

describe("matchesEngagement", () => {
  it("lists only a business that said yes to being contacted", () => {
    expect(matchesEngagement(willing, {})).toBe(true);
    expect(matchesEngagement({ ...willing, consentToContact: "no" }, {})).toBe(false);
    const { consentToContact: _consent, ...silent } = willing;
    expect(matchesEngagement(silent as DiversityAnswers, {})).toBe(false);
    expect(matchesEngagement({ ...willing, consentToContact: "Yes" }, {})).toBe(false);
  });

  it("keeps to every filter given", () => {
    expect(matchesEngagement(willing, { barrier: "payment-terms", sector: "construction", size: "micro", characteristic: "womenOwned" })).toBe(true);
    expect(matchesEngagement(willing, { barrier: "tender-complexity" })).toBe(false);
    expect(matchesEngagement(willing, { sector: "it-and-digital" })).toBe(false);
    expect(matchesEngagement(willing, { size: "small" })).toBe(false);
    expect(matchesEngagement(willing, { characteristic: "ethnicMinorityOwned" })).toBe(false);
    expect(matchesEngagement(willing, { characteristic: "disabledOwned" })).toBe(false);
  });

  it("works size out from the bands, and a business whose bands do not settle it is no band", () => {
    const small = answer({ consentToContact: "yes", employeesBand: "10-to-49", turnoverBand: "2m-to-10m" });
    expect(matchesEngagement(small, { size: "small" })).toBe(true);
    expect(matchesEngagement(answer({ consentToContact: "yes" }), { size: "micro" })).toBe(false);
  });
});

describe("engagementFilterProblems", () => {
  it("names a filter that is not one of the choices", () => {
    expect(engagementFilterProblems({ barrier: "payment-terms", size: "micro", characteristic: "womenOwned", sector: "construction", year: 2026 })).toEqual([]);
    expect(engagementFilterProblems({ barrier: "parking", size: "large", characteristic: "ownersReligion", sector: "farming", year: 2026.5 }).map((p) => p.field)).toEqual(["year", "barrier", "sector", "size", "characteristic"]);
  });
});

describe("engagementRowOf and engagementCsv", () => {
  const supplier = { supplierId: "s-1", supplierName: "Beta Ltd", contactName: "Ann Lee", contactEmail: "ann@beta.example" };

  it("makes a row of the answers engagement is chosen by", () => {
    expect(engagementRowOf(supplier, 2026, willing)).toEqual({ ...supplier, year: 2026, sector: "construction", sizeBand: "micro", barriers: ["payment-terms", "contract-size"], womenOwned: "yes", ethnicMinorityOwned: "no" });
    expect(engagementRowOf({ supplierId: "s-2", supplierName: "Gamma" }, 2026, answer({ consentToContact: "yes", barriers: ["prefer-not-to-say"] }))).toEqual({ supplierId: "s-2", supplierName: "Gamma", year: 2026, sizeBand: "unknown", barriers: [] });
  });

  it("writes labels, not values", () => {
    const rows = parseCsv(engagementCsv([engagementRowOf(supplier, 2026, willing)], QUESTIONNAIRE_V1));
    expect(rows[0]).toEqual(["Supplier", "Contact name", "Contact email", "Year", "Sector", "Size", "Barriers", "Ethnic minority owned", "Women owned", "Disabled owned"]);
    expect(rows[1]).toEqual(["Beta Ltd", "Ann Lee", "ann@beta.example", "2026", "Construction and building maintenance", "Micro", "Payment terms; Contract size", "No", "Yes", ""]);
  });

  it("escapes a cell a spreadsheet would run as a formula", () => {
    const name = '=HYPERLINK("http://evil.example","Click")';
    const csv = engagementCsv([engagementRowOf({ supplierId: "s-3", supplierName: name, contactName: "+44 7700", contactEmail: "@x" }, 2026, willing)], QUESTIONNAIRE_V1);
    const [, row] = parseCsv(csv);
    expect(row?.[0]).toBe(`'${name}`);
    expect(row?.[1]).toBe("'+44 7700");
    expect(row?.[2]).toBe("'@x");
    expect(readCsvCell(row?.[0] ?? "")).toBe(name);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
