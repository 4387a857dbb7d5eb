import { describe, expect, it } from "vitest";
import { DEFAULT_LOCAL_DISTRICTS, DEFAULT_SIZE_THRESHOLDS, type SupplierRecord } from "../register/supplier.js";
import { campaignInvitees, campaignYearProblems, formTokenProblem, retentionCutoff } from "./campaign.js";

const rules = { sizeThresholds: DEFAULT_SIZE_THRESHOLDS, localDistricts: DEFAULT_LOCAL_DISTRICTS };
const record = (id: string, fields: Partial<SupplierRecord>): SupplierRecord => ({ id, name: id, vcse: false, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-01T00:00:00.000Z", ...fields });
const small = { employees: 12, turnover: 900_000, balanceSheet: 400_000 };
const large = { employees: 900, turnover: 90_000_000, balanceSheet: 60_000_000 };

describe("campaignInvitees", () => {
  it("asks the local businesses not known to be large, and nobody else", () => {
    const suppliers = [
      record("local-sme", { postcode: "CV1 2GT", ...small }),
      record("local-no-figures", { postcode: "CV3 1AA" }),
      record("local-large", { postcode: "CV1 2GT", ...large }),
      record("away-sme", { postcode: "B1 1AA", ...small }),
      record("no-postcode", { ...small }),
    ];
    expect(campaignInvitees(suppliers, rules).map((s) => s.id)).toEqual(["local-sme", "local-no-figures"]);
  });

  it("follows the council's own districts", () => {
    expect(campaignInvitees([record("brum", { postcode: "B1 1AA", ...small })], { ...rules, localDistricts: ["B1"] }).map((s) => s.id)).toEqual(["brum"]);
  });
});

describe("formTokenProblem", () => {
  const token = { year: 2026, expiresAt: "2027-02-28T17:00:00.000Z" };
  const campaign = { year: 2026, closesAt: "2027-02-28T17:00:00.000Z" };
  const now = new Date("2027-01-10T09:00:00.000Z");

  it("lets a stored token of an open campaign through", () => {
    expect(formTokenProblem(token, campaign, now)).toBeUndefined();
  });

  it("names why a token cannot be used", () => {
    expect(formTokenProblem(undefined, campaign, now)).toBe("unknown");
    expect(formTokenProblem(token, undefined, now)).toBe("unknown");
    expect(formTokenProblem(token, { ...campaign, year: 2025 }, now)).toBe("unknown");
    expect(formTokenProblem({ ...token, expiresAt: "2027-01-10T09:00:00.000Z" }, campaign, now)).toBe("expired");
    expect(formTokenProblem(token, { ...campaign, closedAt: "2027-01-05T12:00:00.000Z" }, now)).toBe("closed");
    expect(formTokenProblem({ ...token, expiresAt: "2027-06-01T00:00:00.000Z" }, campaign, new Date("2027-03-01T00:00:00.000Z"))).toBe("closed");
  });
});

describe("retentionCutoff", () => {
  it("is the same moment that many years before", () => {
    expect(retentionCutoff(new Date("2026-12-03T09:00:00.000Z"), 3)).toBe("2023-12-03T09:00:00.000Z");
    expect(retentionCutoff(new Date("2028-02-29T12:00:00.000Z"), 1)).toBe("2027-03-01T12:00:00.000Z");
  });

  it("refuses a period that is not whole years", () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow(RangeError);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe("campaignYearProblems", () => {
  const now = new Date("2026-12-03T09:00:00.000Z");
  const fields = (year: unknown, closesAt: unknown) => campaignYearProblems(year, closesAt, now).map((p) => p.field);

  it("accepts a year and a closing date in the next twelve months", () => {
    expect(campaignYearProblems(2026, "2027-02-28T17:00:00Z", now)).toEqual([]);
    expect(campaignYearProblems(2027, "2027-12-03T09:00:00Z", now)).toEqual([]);
  });

  it("names the field at fault", () => {
    expect(fields(2019, "2027-02-28T17:00:00Z")).toEqual(["year"]);
    expect(fields(2101, "2027-02-28T17:00:00Z")).toEqual(["year"]);
    expect(fields(2026.5, "2027-02-28T17:00:00Z")).toEqual(["year"]);
    expect(fields("2026", "2027-02-28T17:00:00Z")).toEqual(["year"]);
    expect(fields(2026, "next spring")).toEqual(["closesAt"]);
    expect(fields(2026, undefined)).toEqual(["closesAt"]);
    expect(fields(2026, "2026-12-03T09:00:00Z")).toEqual(["closesAt"]);
    expect(fields(2026, "2027-12-03T09:00:01Z")).toEqual(["closesAt"]);
    expect(fields(1999, "2020-01-01")).toEqual(["year", "closesAt"]);
  });

  it("says how to put it right", () => {
    const [problem] = campaignYearProblems(2026, "2026-11-01T00:00:00Z", now);
    expect(problem?.message).toMatch(/after now .*later closing date/);
  });
});
