import { describe, expect, it } from "vitest";
import { COMPLIANCE_CODES } from "@toms/domain";
import { findingDueWords, findingTitle } from "./compliance-words.js";

describe("compliance findings in words", () => {
  it("has a title for every code", () => {
    for (const code of COMPLIANCE_CODES) expect(findingTitle(code)).toMatch(/\w/);
    expect(findingTitle("UPDATES_OVERDUE")).toBe("KPI updates overdue");
  });

  it("says when a duty falls due, or fell due", () => {
    expect(findingDueWords({ code: "UPDATES_OVERDUE", severity: "error", due: "2026-09-14" })).toBe("Was due on 14 September 2026");
    expect(findingDueWords({ code: "ASSESSMENT_DUE", severity: "warning", due: "2027-08-31" })).toBe("Due by 31 August 2027");
    expect(findingDueWords({ code: "KPI_MINIMUM", severity: "error", due: "2024-09-01" })).toBe("Needed from the contract's start, 1 September 2024");
    expect(findingDueWords({ code: "ASSESSMENT_DUE", severity: "warning", due: null })).toBeUndefined();
  });
});
