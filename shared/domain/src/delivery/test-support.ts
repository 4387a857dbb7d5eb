// Hand-built contracts, KPIs, updates and reviews for the delivery unit tests (not exported from the package).
import type { ContractRecord } from "../register/contract.js";
import type { KpiRecord, KpiReview, KpiUpdateRecord, TrackedCommitment } from "./model.js";

/** A £1m services contract from April 2026 to March 2028 (24 months, 8 quarters). */
export function contract(overrides: Partial<ContractRecord> = {}): ContractRecord {
  return {
    id: "c-1",
    reference: "CCC-101",
    title: "Waste collection",
    supplierId: "s-1",
    category: "services",
    value: 1_000_000,
    startDate: "2026-04-01",
    endDate: "2028-03-31",
    managerId: "m-1",
    createdAt: "2026-03-01T09:00:00.000Z",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...overrides,
  };
}

/** A monthly supplier-reported KPI, higher better, target 95 with tolerance 5 from the first month. */
export function kpi(overrides: Partial<KpiRecord> = {}): KpiRecord {
  return {
    id: "k-1",
    contractId: "c-1",
    kind: "kpi",
    title: "Collections on time",
    unit: "%",
    direction: "higher",
    frequency: "monthly",
    reporter: "supplier",
    versions: [{ fromPeriod: "2026-04", target: 95, tolerance: 5, changedAt: "2026-03-01T09:00:00.000Z", changedBy: "m-1" }],
    createdAt: "2026-03-01T09:00:00.000Z",
    createdBy: "m-1",
    updatedAt: "2026-03-01T09:00:00.000Z",
    ...overrides,
  };
}

/** 80 hours of mentoring at £100 an hour, all accepted: £8,000. */
export function commitment(overrides: Partial<TrackedCommitment> = {}): TrackedCommitment {
  return {
    measure: "T01",
    name: "Hours of mentoring",
    theme: "Economic",
    outcomes: ["Jobs", "Skills"],
    unit: "hours",
    committedQuantity: 80,
    acceptedFraction: 1,
    proxyValue: 100,
    committedValue: 8000,
    catalogueVersion: "T1",
    source: "award",
    ...overrides,
  };
}

/** A quarterly social-value KPI tracking `commitment()` on `contract()`: 10 hours a quarter. */
export function commitmentKpiRecord(overrides: Partial<KpiRecord> = {}): KpiRecord {
  return kpi({
    id: "sv-1",
    kind: "social-value",
    title: "Hours of mentoring",
    unit: "hours",
    frequency: "quarterly",
    versions: [{ fromPeriod: "2026-Q2", target: 10, tolerance: null, changedAt: "2026-03-01T09:00:00.000Z", changedBy: "award" }],
    commitment: commitment(),
    ...overrides,
  });
}

/** An update for k-1, sent by the supplier, as revision 1 unless said. */
export function update(overrides: Partial<KpiUpdateRecord> = {}): KpiUpdateRecord {
  const period = overrides.period ?? "2026-04";
  const revision = overrides.revision ?? 1;
  return {
    id: `u-${overrides.kpiId ?? "k-1"}-${period}-${revision}`,
    contractId: "c-1",
    kpiId: "k-1",
    period,
    revision,
    value: 96,
    submittedAs: "supplier",
    submittedBy: "supplier-1",
    submittedAt: "2026-05-03T10:00:00.000Z",
    idempotencyKey: `key-${period}-${revision}`,
    requestDigest: "digest",
    ...overrides,
  };
}

export function review(updateId: string, decision: "approve" | "reject", reviewedAt = "2026-05-05T10:00:00.000Z"): KpiReview {
  return { updateId, decision, ...(decision === "reject" ? { reason: "No evidence" } : {}), reviewedBy: "m-1", reviewedAt };
}
