import { describe, expect, it } from "vitest";
import { COMPLIANCE_CODES } from "@toms/domain";
import { findingDueWords, findingTitle, withUkDates } from "./compliance-words.js";

describe("compliance findings in words", () => {
  it("has a title for every code", () => {
    for (const code of COMPLIANCE_CODES) expect(findingTitle(code)).toMatch(/\w/);
    expect(findingTitle("UPDATES_OVERDUE")).toBe("KPI updates overdue");
  });

  it("writes the service's dates the UK way and leaves the rest", () => {
    expect(withUkDates("4 KPI updates are overdue, the oldest due on 2026-09-14: the supplier owes 4.")).toBe("4 KPI updates are overdue, the oldest due on 14 September 2026: the supplier owes 4.");
    expect(withUkDates("The annual assessment of 2025-09-01 to 2026-08-31 is worth £9,800,000")).toBe("The annual assessment of 1 September 2025 to 31 August 2026 is worth £9,800,000");
  });

  it("says when a duty falls due, or fell due", () => {
    expect(findingDueWords({ code: "UPDATES_OVERDUE", severity: "error", due: "2026-09-14" })).toBe("Was due on 14 September 2026");
    expect(findingDueWords({ code: "ASSESSMENT_DUE", severity: "warning", due: "2027-08-31" })).toBe("Due by 31 August 2027");
    expect(findingDueWords({ code: "KPI_MINIMUM", severity: "error", due: "2024-09-01" })).toBe("Needed from the contract's start, 1 September 2024");
    expect(findingDueWords({ code: "ASSESSMENT_DUE", severity: "warning", due: null })).toBeUndefined();
  });
});
