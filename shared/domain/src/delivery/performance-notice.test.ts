import { describe, expect, it } from "vitest";
import type { AssessmentRecord, KpiRecord } from "./model.js";
import { performanceNotice, type PerformanceNoticeInput } from "./performance-notice.js";

const kpi: KpiRecord = {
  id: "k-repairs",
  contractId: "c-fm",
  kind: "kpi",
  title: "Reactive repairs completed within SLA",
  unit: "%",
  direction: "higher",
  frequency: "quarterly",
  reporter: "supplier",
  versions: [
    { fromPeriod: "2024-Q3", target: 90, tolerance: 4, changedAt: "2024-07-01T09:00:00Z", changedBy: "u-jo" },
    { fromPeriod: "2025-Q3", target: 95, tolerance: null, changedAt: "2025-06-20T09:00:00Z", changedBy: "u-jo" },
    { fromPeriod: "2026-Q3", target: 97, tolerance: 2, changedAt: "2026-06-02T09:00:00Z", changedBy: "u-jo" },
  ],
  createdAt: "2024-07-01T09:00:00Z",
  createdBy: "u-jo",
  updatedAt: "2026-06-02T09:00:00Z",
};

const assessment: AssessmentRecord = {
  id: "a-1",
  contractId: "c-fm",
  kind: "annual",
  from: "2025-01-01",
  to: "2025-12-31",
  status: "confirmed",
  kpis: [{ kpiId: "k-repairs", title: kpi.title, unit: "%", direction: "higher", target: 95, periods: [], suggested: "other", rating: "other" }],
  createdAt: "2026-01-10T09:00:00Z",
  createdBy: "u-jo",
  confirmedAt: "2026-01-12T09:00:00Z",
  confirmedBy: "u-jo",
};

const input: PerformanceNoticeInput = {
  buyer: { name: "Coventry City Council" },
  contract: {
    id: "c-fm",
    reference: "CCC-204",
    title: "Facilities management, civic buildings",
    supplierId: "s-1",
    category: "services",
    value: 3_400_000,
    startDate: "2024-08-15",
    endDate: "2027-08-14",
    managerId: "u-jo",
    createdAt: "2024-07-01T09:00:00Z",
    updatedAt: "2024-07-01T09:00:00Z",
  },
  supplier: { id: "s-1", name: "Arden Facilities CIC", vcse: true, postcode: "CV3 4FJ", sizeBand: "unknown", createdAt: "2024-07-01T09:00:00Z", updatedAt: "2024-07-01T09:00:00Z" },
  assessment,
  kpis: [kpi],
  date: "2026-01-13T10:00:00+00:00",
  ocidPrefix: "ocds-h6vhtk",
};

type Json = Record<string, unknown>;
const at = (value: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, key) => (v as Json | undefined)?.[key], value);

describe("performanceNotice", () => {
  it("shows the targets in force during the assessed range, each for the days it applied (within the contract)", () => {
    const observations = at(performanceNotice(input), "contracts", 0, "agreedMetrics", 0, "observations") as Json[];
    expect(observations.map((o) => [o.id, o.measure, o.period])).toEqual([
      ["k-repairs-target-2024-Q3", 90, { startDate: "2024-08-15T00:00:00+01:00", endDate: "2025-06-30T23:59:59+01:00" }],
      ["k-repairs-target-2025-Q3", 95, { startDate: "2025-07-01T00:00:00+01:00", endDate: "2026-06-30T23:59:59+01:00" }],
    ]);
    // A tolerance left unset is 10% of the target.
    expect(observations[1]?.notes).toBe("Target from 2025-Q3: 95% (higher is better; within 9.5% of it counts as approaching target).");
  });

  it("names a supplier without a Companies House number by the suite's id, and gives no scale for an unknown size", () => {
    const supplier = (at(performanceNotice(input), "parties") as Json[])[1];
    expect(supplier).toEqual({
      id: "GB-TOMS-s-1",
      name: "Arden Facilities CIC",
      roles: ["supplier"],
      identifier: { scheme: "GB-TOMS", id: "s-1", legalName: "Arden Facilities CIC" },
      address: { postalCode: "CV3 4FJ", countryName: "United Kingdom" },
      details: { vcse: true },
    });
  });

  it("maps each size band to its partyScale code", () => {
    const scales = ["micro", "small", "medium", "large"].map((sizeBand) => at(performanceNotice({ ...input, supplier: { ...input.supplier, sizeBand } }), "parties", 1, "details", "scale"));
    expect(scales).toEqual(["micro", "small", "medium", "large"]);
  });

  it("names a buyer without an identifier as the buyer, and a contract without an award by its reference", () => {
    const notice = performanceNotice(input);
    expect(at(notice, "parties", 0)).toEqual({ id: "buyer", name: "Coventry City Council", roles: ["buyer"] });
    expect(notice.buyer).toEqual({ id: "buyer", name: "Coventry City Council" });
    expect(notice.tender).toEqual({ id: "CCC-204", title: "Facilities management, civic buildings" });
  });

  it("says when the assessment was made on termination", () => {
    const notice = performanceNotice({ ...input, assessment: { ...assessment, kind: "termination", from: "2026-08-15", to: "2027-08-14" } });
    expect(at(notice, "contracts", 0, "implementation", "documents", 0, "description")).toBe(
      "This notice sets out the assessment of the supplier's performance against the key performance indicators of the contract from 15 August 2026 to 14 August 2027, assessed on the contract's termination (Procurement Act 2023, section 71).",
    );
  });

  it("keeps a KPI that was assessed but is no longer listed, so that no rating is lost", () => {
    const metrics = at(performanceNotice({ ...input, kpis: [] }), "contracts", 0, "implementation", "metrics") as Json[];
    expect(metrics.map((m) => m.id)).toEqual(["k-repairs"]);
  });
});
