import { describe, expect, it } from "vitest";
import { businessSize } from "./business-size.js";

describe("a business's size from its bands", () => {
  it("puts the statutory SME line at 250 staff: 249 is in, 250 is out", () => {
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "10m-to-44m" })).toEqual({ councilBand: "medium", statutorySme: true });
    expect(businessSize({ employeesBand: "250-or-more", turnoverBand: "up-to-2m" })).toEqual({ councilBand: "large", statutorySme: false });
  });

  it("puts the statutory turnover line at £44m, and then asks the balance sheet (at most £38m)", () => {
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "10m-to-44m" }).statutorySme).toBe(true);
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "44m-to-50m" }).statutorySme).toBe("unknown");
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "44m-to-50m", balanceSheetBand: "10m-to-38m" }).statutorySme).toBe(true);
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "44m-to-50m", balanceSheetBand: "38m-to-43m" }).statutorySme).toBe(false);
  });

  it("gives the council's band beside it: over £44m but at most £50m is still medium, not an SME by statute", () => {
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "44m-to-50m", balanceSheetBand: "over-43m" })).toEqual({ councilBand: "medium", statutorySme: false });
    expect(businessSize({ employeesBand: "50-to-249", turnoverBand: "over-50m", balanceSheetBand: "over-43m" })).toEqual({ councilBand: "large", statutorySme: false });
  });

  it("finds micro and small at their limits (10 and 50 staff, £2m and £10m)", () => {
    expect(businessSize({ employeesBand: "under-10", turnoverBand: "up-to-2m" }).councilBand).toBe("micro");
    expect(businessSize({ employeesBand: "10-to-49", turnoverBand: "up-to-2m" }).councilBand).toBe("small");
    expect(businessSize({ employeesBand: "under-10", turnoverBand: "2m-to-10m", balanceSheetBand: "2m-to-10m" }).councilBand).toBe("small");
    expect(businessSize({ employeesBand: "under-10", turnoverBand: "2m-to-10m", balanceSheetBand: "up-to-2m" }).councilBand).toBe("micro");
  });

  it("says unknown, never a guess, when a band is missing or not given", () => {
    expect(businessSize({})).toEqual({ councilBand: "unknown", statutorySme: "unknown" });
    expect(businessSize({ employeesBand: "prefer-not-to-say", turnoverBand: "up-to-2m" })).toEqual({ councilBand: "unknown", statutorySme: "unknown" });
    expect(businessSize({ employeesBand: "under-10", turnoverBand: "2m-to-10m" })).toEqual({ councilBand: "unknown", statutorySme: true });
    // 250 or more staff settles both, whatever the money.
    expect(businessSize({ employeesBand: "250-or-more" })).toEqual({ councilBand: "large", statutorySme: false });
  });

  it("follows thresholds the council has changed", () => {
    const thresholds = {
      micro: { employeesBelow: 10, turnoverAtMost: 2_000_000, balanceSheetAtMost: 2_000_000 },
      small: { employeesBelow: 50, turnoverAtMost: 44_000_000, balanceSheetAtMost: 38_000_000 },
      medium: { employeesBelow: 250, turnoverAtMost: 50_000_000, balanceSheetAtMost: 43_000_000 },
    };
    const answers = { employeesBand: "10-to-49", turnoverBand: "10m-to-44m", balanceSheetBand: "10m-to-38m" };
    expect(businessSize(answers, thresholds).councilBand).toBe("small");
    expect(businessSize(answers).councilBand).toBe("medium");
  });
});
