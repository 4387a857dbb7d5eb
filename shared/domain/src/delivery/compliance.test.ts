import { describe, expect, it } from "vitest";
import { assessmentOwed, complianceFindings, nextAssessment } from "./compliance.js";
import type { AssessmentDigest, ComplianceCode, DeliveryDigest } from "./model.js";
import { contract } from "./test-support.js";

const term = contract();

function digest(kpis: { kind?: "kpi" | "social-value"; marks?: string; reporter?: "supplier" | "manager" }[], assessments: AssessmentDigest[] = []): DeliveryDigest {
  return {
    contractId: "c-1",
    version: 1,
    kpis: kpis.map((k, i) => ({ id: `k-${i + 1}`, kind: k.kind ?? "kpi", title: `KPI ${i + 1}`, reporter: k.reporter ?? "supplier", frequency: "monthly", marks: k.marks ?? "" })),
    assessments,
    socialValue: { committed: 0, delivered: 0 },
  };
}

/** Every month of the contract up to 2027-06 reported and accepted, so that nothing is overdue. */
const allReported = Array.from({ length: 15 }, (_, i) => {
  const month = new Date(Date.UTC(2026, 3 + i, 1)).toISOString().slice(0, 7);
  return `${month}:g`;
}).join(" ");

const annual = (to: string, overrides: Partial<AssessmentDigest> = {}): AssessmentDigest => ({ id: `a-${to}`, kind: "annual", from: "2026-04-01", to, status: "confirmed", confirmedAt: `${to}T10:00:00.000Z`, publishedAt: `${to}T11:00:00.000Z`, ...overrides });

const find = (code: ComplianceCode, ...args: Parameters<typeof complianceFindings>) => complianceFindings(...args).filter((f) => f.code === code);

describe("KPI_MINIMUM", () => {
  const big = contract({ value: 12_600_000 });

  it("is raised over £5m with fewer than 3 KPIs, commitments not counting", () => {
    expect(find("KPI_MINIMUM", big, digest([{}, { kind: "social-value" }, { kind: "social-value" }]), "2026-05-01", 14)).toEqual([
      {
        code: "KPI_MINIMUM",
        severity: "error",
        message: "This contract is worth £12,600,000, over the £5m threshold, and has 1 KPI: the Procurement Act 2023 (s.52) needs at least 3. Add KPIs, or record why the contract is exempt.",
        due: "2026-04-01",
      },
    ]);
    expect(find("KPI_MINIMUM", big, undefined, "2026-05-01", 14)[0]?.message).toContain("and has no KPIs:");
  });

  it("is not raised with 3 KPIs, at £5m exactly, or with an exemption recorded", () => {
    expect(find("KPI_MINIMUM", big, digest([{}, {}, {}]), "2026-05-01", 14)).toEqual([]);
    expect(find("KPI_MINIMUM", contract({ value: 5_000_000 }), digest([{}]), "2026-05-01", 14)).toEqual([]);
    expect(find("KPI_MINIMUM", contract({ value: 12_600_000, kpiExemptionReason: "A framework" }), digest([{}]), "2026-05-01", 14)).toEqual([]);
  });
});

describe("ASSESSMENT_DUE", () => {
  const withKpi = digest([{ marks: allReported }]);

  it("is raised 30 days before 12 months from the start: a warning to the due day, an error after", () => {
    expect(find("ASSESSMENT_DUE", term, withKpi, "2027-03-01", 14)).toEqual([]);
    expect(find("ASSESSMENT_DUE", term, withKpi, "2027-03-02", 14)).toEqual([
      { code: "ASSESSMENT_DUE", severity: "warning", message: "The next assessment of this contract's KPIs is due by 2027-04-01: the Procurement Act 2023 (s.71) needs one at least every 12 months. Draft and confirm it by then.", due: "2027-04-01" },
    ]);
    expect(find("ASSESSMENT_DUE", term, withKpi, "2027-04-01", 14)[0]?.severity).toBe("warning");
    expect(find("ASSESSMENT_DUE", term, withKpi, "2027-04-02", 14)[0]).toMatchObject({
      severity: "error",
      message: "The assessment of this contract's KPIs was due by 2027-04-01 and none has been confirmed since 2026-04-01: the Procurement Act 2023 (s.71) needs one at least every 12 months. Draft and confirm an assessment now.",
    });
  });

  it("counts 12 months from the end of the latest confirmed assessment that stands", () => {
    const assessed = digest([{ marks: allReported }], [annual("2027-03-31"), annual("2027-01-31", { id: "a-old" })]);
    expect(nextAssessment(term, assessed, "2027-04-10")).toEqual({ due: "2028-03-31", isDue: false });
    // A draft does not count; a replaced one gives way to its correction.
    const drafted = digest([{ marks: allReported }], [annual("2027-03-31", { status: "draft" })]);
    expect(nextAssessment(term, drafted, "2027-04-10")).toEqual({ due: "2027-04-01", isDue: true });
    const corrected = digest([{ marks: allReported }], [annual("2027-03-31", { id: "a-1" }), annual("2027-02-28", { id: "a-2", replaces: "a-1" })]);
    expect(nextAssessment(term, corrected, "2027-04-10")?.due).toBe("2028-02-28");
  });

  it("offers the next assessment's range: from the contract's start, then from the day after the last one that stands", () => {
    expect(assessmentOwed(term, digest([{ marks: allReported }]), "2027-03-02")).toEqual({ kind: "annual", from: "2026-04-01", to: "2027-03-31", due: "2027-04-01" });
    const assessed = digest([{ marks: allReported }], [annual("2027-03-31")]);
    expect(assessmentOwed(term, assessed, "2027-04-10")).toEqual({ kind: "annual", from: "2027-04-01", to: "2028-03-31", due: "2028-03-31" });
    // Never past the contract's end; once it has ended, the termination assessment covers the rest.
    const short = contract({ startDate: "2026-04-01", endDate: "2026-12-31" });
    expect(assessmentOwed(short, digest([{ marks: allReported }]), "2026-06-01")).toMatchObject({ kind: "annual", from: "2026-04-01", to: "2026-12-31" });
    expect(assessmentOwed(short, digest([{ marks: allReported }], [annual("2026-09-30")]), "2027-01-05")).toEqual({ kind: "termination", from: "2026-10-01", to: "2026-12-31", due: "2027-01-30" });
    expect(assessmentOwed(contract({ value: 100 }), undefined, "2027-05-01")).toBeNull();
  });

  it("is due on 28 February a year after a 29 February", () => {
    const leap = contract({ startDate: "2028-02-29", endDate: "2031-02-28" });
    expect(nextAssessment(leap, digest([{}]), "2028-03-01")).toEqual({ due: "2029-02-28", isDue: false });
  });

  it("asks for a termination assessment once the contract has ended, until one is confirmed", () => {
    const ended = contract({ startDate: "2026-04-01", endDate: "2026-12-31" });
    const d = digest([{ marks: "2026-04:g 2026-05:g 2026-06:g 2026-07:g 2026-08:g 2026-09:g 2026-10:g 2026-11:g 2026-12:g" }]);
    expect(find("ASSESSMENT_DUE", ended, d, "2027-01-01", 14)).toEqual([
      { code: "ASSESSMENT_DUE", severity: "warning", message: "The contract ended on 2026-12-31: the Procurement Act 2023 (s.71) needs a termination assessment of its KPIs. Draft and confirm one (kind termination) by 2027-01-30.", due: "2027-01-30" },
    ]);
    expect(find("ASSESSMENT_DUE", ended, d, "2027-01-30", 14)[0]?.severity).toBe("warning");
    expect(find("ASSESSMENT_DUE", ended, d, "2027-01-31", 14)[0]).toMatchObject({ severity: "error", message: expect.stringContaining("It was due by 2027-01-30") });
    const terminated = { ...d, assessments: [annual("2026-12-31", { kind: "termination" })] };
    expect(find("ASSESSMENT_DUE", ended, terminated, "2027-02-28", 14)).toEqual([]);
    expect(nextAssessment(ended, terminated, "2027-02-28")).toBeNull();
  });

  it("is not raised for a contract with no KPIs at or under £5m", () => {
    expect(find("ASSESSMENT_DUE", term, digest([{ kind: "social-value" }]), "2027-05-01", 14)).toEqual([]);
    expect(find("ASSESSMENT_DUE", contract({ value: 6_000_000 }), undefined, "2027-05-01", 14)).toHaveLength(1);
  });
});

describe("UPDATES_OVERDUE", () => {
  it("counts the updates not sent, due from the earliest; an error once one is more than 30 days past due", () => {
    // 2026-04 and 2026-05 not sent (due 2026-05-14 and 2026-06-14).
    const d = digest([{ marks: "2026-06:g" }, { reporter: "manager", marks: "2026-04:g 2026-05:g 2026-06:g" }]);
    expect(find("UPDATES_OVERDUE", term, d, "2026-05-14", 14)).toEqual([]);
    expect(find("UPDATES_OVERDUE", term, d, "2026-05-15", 14)).toEqual([
      { code: "UPDATES_OVERDUE", severity: "warning", message: '1 KPI update is overdue (2026-04 of "KPI 1", due on 2026-05-14): the supplier\'s contacts must send it.', due: "2026-05-14" },
    ]);
    expect(find("UPDATES_OVERDUE", term, d, "2026-06-13", 14)[0]?.severity).toBe("warning");
    expect(find("UPDATES_OVERDUE", term, d, "2026-06-14", 14)[0]).toMatchObject({ severity: "error", due: "2026-05-14" });
    expect(find("UPDATES_OVERDUE", term, digest([{ marks: "2026-04:g 2026-05:g" }, { reporter: "manager", marks: "2026-04:g 2026-06:g" }]), "2026-07-15", 14)[0]?.message).toBe(
      "2 KPI updates are overdue, the oldest due on 2026-06-14: the supplier owes 1 and the contract manager owes 1.",
    );
  });

  it("does not count an update waiting for review, and counts a rejected one past due", () => {
    expect(find("UPDATES_OVERDUE", term, digest([{ marks: "2026-04:p2026-05-20" }]), "2026-05-30", 14)).toEqual([]);
    expect(find("UPDATES_OVERDUE", term, digest([{ marks: "2026-04:x" }]), "2026-05-30", 14)[0]?.message).toContain("1 KPI update is overdue (2026-04");
  });

  it("dates a correction by its period's due date, not by the day of the rejection", () => {
    // April (due 14 May) rejected on 20 June; the manager's May (due 14 June) not sent.
    const d = digest([{ marks: "2026-04:x2026-06-20 2026-05:g" }, { reporter: "manager", marks: "2026-04:g" }]);
    expect(find("UPDATES_OVERDUE", term, d, "2026-06-25", 14)).toEqual([
      { code: "UPDATES_OVERDUE", severity: "error", message: "2 KPI updates are overdue, the oldest due on 2026-05-14: the supplier owes 1 and the contract manager owes 1.", due: "2026-05-14" },
    ]);
  });
});

describe("NOTICE_UNPUBLISHED", () => {
  const unpublished = (overrides: Partial<AssessmentDigest> = {}) => digest([{ marks: allReported }], [annual("2027-03-31", { publishedAt: undefined, confirmedAt: "2027-04-02T23:30:00.000Z", ...overrides })]);

  it("is a warning from confirmation until 30 days after (the UK day confirmed), an error after", () => {
    expect(find("NOTICE_UNPUBLISHED", term, unpublished(), "2027-04-03", 14)).toEqual([
      {
        code: "NOTICE_UNPUBLISHED",
        severity: "warning",
        message: "The annual assessment of 2026-04-01 to 2027-03-31, confirmed on 2027-04-03, has no UK9 contract performance notice marked published: publish it on Find a Tender by 2027-05-03 and mark it published.",
        due: "2027-05-03",
      },
    ]);
    expect(find("NOTICE_UNPUBLISHED", term, unpublished(), "2027-05-03", 14)[0]?.severity).toBe("warning");
    expect(find("NOTICE_UNPUBLISHED", term, unpublished(), "2027-05-04", 14)[0]).toMatchObject({ severity: "error", message: expect.stringContaining("it was due by 2027-05-03") });
  });

  it("is not raised once published, for a draft, or for an assessment a confirmed correction replaced", () => {
    expect(find("NOTICE_UNPUBLISHED", term, digest([{}], [annual("2027-03-31")]), "2027-06-01", 14)).toEqual([]);
    expect(find("NOTICE_UNPUBLISHED", term, unpublished({ status: "draft", confirmedAt: undefined }), "2027-06-01", 14)).toEqual([]);
    const corrected = digest([{}], [annual("2027-03-31", { id: "a-1", publishedAt: undefined }), annual("2027-03-31", { id: "a-2", replaces: "a-1" })]);
    expect(find("NOTICE_UNPUBLISHED", term, corrected, "2027-06-01", 14)).toEqual([]);
  });
});

describe("the findings together", () => {
  it("come in the order of the codes", () => {
    const d = digest([{}], [annual("2026-06-30", { publishedAt: undefined })]);
    expect(complianceFindings(contract({ value: 9_000_000 }), d, "2027-06-15", 14).map((f) => f.code)).toEqual(["KPI_MINIMUM", "ASSESSMENT_DUE", "UPDATES_OVERDUE", "NOTICE_UNPUBLISHED"]);
  });
});
