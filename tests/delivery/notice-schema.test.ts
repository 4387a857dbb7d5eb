// The UK9 contract performance notice against the shipped OCDS 1.1.5 + UK extension schema, and
// what the schema cannot check: the UK rating ids, the notice type, every KPI rated, UK offsets.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { performanceNotice, type AssessmentKpi, type AssessmentRecord, type KpiRecord, type PerformanceNoticeInput } from "@toms/domain";
import { OCDS_SCHEMA_DIR, releaseErrors, releaseSchema } from "../support/ocds.js";

const UK_RATING_IDS = ["met", "slightlyBelow", "below", "significantlyBelow", "other"];

const buyer: PerformanceNoticeInput["buyer"] = {
  name: "Coventry City Council",
  identifier: { scheme: "GB-PPON", id: "PDLN-3947-MQKX" },
  email: "procurement@coventry.gov.uk",
  address: { streetAddress: "Council House, Earl Street", locality: "Coventry", postalCode: "CV1 5RR", countryName: "United Kingdom" },
};

const contract: PerformanceNoticeInput["contract"] = {
  id: "c-waste-2024",
  reference: "CCC-101",
  title: "Household waste and recycling collection",
  supplierId: "s-midland",
  category: "services",
  value: 12_600_000,
  startDate: "2024-04-01",
  endDate: "2031-03-31",
  managerId: "u-priya",
  managerName: "Priya Shah",
  createdAt: "2024-02-12T09:00:00Z",
  updatedAt: "2024-02-12T09:00:00Z",
  award: { evaluationId: "e-2023-17", evaluationReference: "CCC-T-2023-017", bidder: "Midland Waste Services Ltd", awardedAt: "2024-02-12T09:00:00Z" },
};

const supplier: PerformanceNoticeInput["supplier"] = {
  id: "s-midland",
  name: "Midland Waste Services Ltd",
  postcode: "CV6 5RS",
  address: "Unit 4, Foleshill Enterprise Park, Coventry",
  employees: 180,
  turnover: 31_000_000,
  balanceSheet: 12_000_000,
  companyNumber: "08123456",
  vcse: false,
  email: "contracts@midlandwaste.co.uk",
  sizeBand: "medium",
  createdAt: "2023-11-01T09:00:00Z",
  updatedAt: "2023-11-01T09:00:00Z",
};

function kpi(id: string, fields: Partial<KpiRecord> & Pick<KpiRecord, "title" | "unit" | "direction" | "frequency">, target: number): KpiRecord {
  return {
    id,
    contractId: contract.id,
    kind: "kpi",
    reporter: "supplier",
    versions: [{ fromPeriod: fields.frequency === "quarterly" ? "2024-Q2" : "2024-04", target, tolerance: null, changedAt: "2024-02-12T09:00:00Z", changedBy: "u-priya" }],
    createdAt: "2024-02-12T09:00:00Z",
    createdBy: "u-priya",
    updatedAt: "2024-02-12T09:00:00Z",
    ...fields,
  };
}

const missed = kpi("k-missed", { title: "Missed bin collections per 100,000", unit: "per 100,000 collections", direction: "lower", frequency: "monthly", description: "Collections reported missed and confirmed, per 100,000 scheduled." }, 50);
const recycling = kpi("k-recycling", { title: "Household waste sent for reuse, recycling or composting", unit: "%", direction: "higher", frequency: "quarterly" }, 50);
const riddor = kpi("k-riddor", { title: "RIDDOR-reportable incidents", unit: "incidents", direction: "lower", frequency: "quarterly" }, 0);
const complaints = kpi("k-complaints", { title: "Complaints resolved within 10 working days", unit: "%", direction: "higher", frequency: "monthly" }, 95);
// Set after the 2025/26 assessment was confirmed: the notice still lists it, rated Other.
const contamination = kpi("k-contamination", { title: "Contamination of dry recycling", unit: "%", direction: "lower", frequency: "quarterly", createdAt: "2026-05-02T10:00:00Z" }, 10);
const commitment: KpiRecord = { ...kpi("k-apprentices", { title: "Apprenticeships (weeks)", unit: "weeks", direction: "higher", frequency: "quarterly" }, 26), kind: "social-value" };

function assessed(record: KpiRecord, periods: AssessmentKpi["periods"], rating: AssessmentKpi["rating"], override?: AssessmentKpi["override"]): AssessmentKpi {
  return { kpiId: record.id, title: record.title, unit: record.unit, direction: record.direction, target: record.versions[0]?.target ?? 0, periods, suggested: override ? "good" : rating, rating, override };
}

const quarters = (values: (number | undefined)[]): AssessmentKpi["periods"] =>
  [
    { period: "2025-Q2", startDate: "2025-04-01", endDate: "2025-06-30" },
    { period: "2025-Q3", startDate: "2025-07-01", endDate: "2025-09-30" },
    { period: "2025-Q4", startDate: "2025-10-01", endDate: "2025-12-31" },
    { period: "2026-Q1", startDate: "2026-01-01", endDate: "2026-03-31" },
  ].map((p, i) => ({ ...p, value: values[i], rating: values[i] === undefined ? "other" : "good" }));

const financialYear: AssessmentRecord = {
  id: "a-2025-26",
  contractId: contract.id,
  kind: "annual",
  from: "2025-04-01",
  to: "2026-03-31",
  status: "confirmed",
  kpis: [
    assessed(missed, [
      { period: "2026-02", startDate: "2026-02-01", endDate: "2026-02-28", value: 54, rating: "approachingTarget" },
      { period: "2026-03", startDate: "2026-03-01", endDate: "2026-03-31", rating: "other" },
      { period: "2026-01", startDate: "2026-01-01", endDate: "2026-01-31", value: 61, rating: "requiresImprovement" },
    ], "approachingTarget"),
    assessed(recycling, quarters([47.2, 48.9, 46.1, undefined]), "requiresImprovement"),
    assessed(riddor, quarters([0, 1, 0, 0]), "good"),
    assessed(complaints, [], "inadequate", { rating: "inadequate", reason: "Half the complaints sampled in the contract review were closed without a reply to the resident." }),
  ],
  createdAt: "2026-04-14T09:00:00+01:00",
  createdBy: "u-priya",
  confirmedAt: "2026-04-20T15:30:00+01:00",
  confirmedBy: "u-priya",
};

const input: PerformanceNoticeInput = {
  buyer,
  contract,
  supplier,
  assessment: financialYear,
  kpis: [missed, recycling, riddor, complaints, contamination, commitment],
  date: "2026-04-21T10:00:00+01:00",
  ocidPrefix: "ocds-h6vhtk",
};

// The notice as JSON: the shape a reader of the route gets, walked without casts at each step.
interface Observation { id: string; period: { startDate: string; endDate: string }; measure?: number; unit: { name: string }; notes?: string; measureClassification: { id: string; description: string } }
interface Metric { id: string; title: string; observations: Observation[] }
interface Notice {
  id: string;
  ocid: string;
  buyer: { id: string };
  parties: { id: string; roles: string[]; identifier?: { scheme: string; id: string }; details?: { scale?: string; vcse?: boolean } }[];
  awards: { id: string; suppliers: { id: string }[] }[];
  contracts: { id: string; awardID: string; period: { startDate: string; endDate: string }; agreedMetrics: Metric[]; implementation: { metrics: Metric[]; documents: { documentType: string; noticeType: string; description: string }[] } }[];
}

function notice(overrides: Partial<PerformanceNoticeInput> = {}): Notice {
  return JSON.parse(JSON.stringify(performanceNotice({ ...input, ...overrides }))) as Notice;
}

function assessedMetrics(n: Notice): Map<string, Observation> {
  const c = n.contracts[0];
  if (!c) throw new Error("the notice has no contract");
  return new Map(c.implementation.metrics.map((m) => [m.id, m.observations[0] as Observation]));
}

describe("the UK9 notice against the OCDS 1.1.5 + UK extension schema", () => {
  it("is a valid release, for a supplier with a Companies House number and for one without", () => {
    expect(releaseErrors(notice())).toEqual([]);
    const unregistered = { ...supplier, companyNumber: undefined, email: undefined, address: undefined, sizeBand: "unknown", vcse: true };
    expect(releaseErrors(notice({ supplier: unregistered, buyer: { name: "Coventry City Council" } }))).toEqual([]);
  });

  it("is valid for a termination assessment in GMT, and for a contract with no KPIs assessed", () => {
    const termination: AssessmentRecord = { ...financialYear, id: "a-end", kind: "termination", from: "2030-11-01", to: "2031-01-31", kpis: [] };
    expect(releaseErrors(notice({ assessment: termination }))).toEqual([]);
  });

  it("rates every KPI of the contract with a UK measureClassification id, and leaves the commitment out", () => {
    const n = notice();
    const agreed = n.contracts[0]?.agreedMetrics.map((m) => m.id);
    expect(agreed).toEqual(["k-missed", "k-recycling", "k-riddor", "k-complaints", "k-contamination"]);
    const metrics = assessedMetrics(n);
    expect([...metrics.keys()]).toEqual(agreed);
    for (const o of metrics.values()) expect(UK_RATING_IDS).toContain(o.measureClassification.id);
    expect(Object.fromEntries([...metrics].map(([id, o]) => [id, o.measureClassification]))).toEqual({
      "k-missed": { id: "slightlyBelow", description: "Approaching target" },
      "k-recycling": { id: "below", description: "Requires improvement" },
      "k-riddor": { id: "met", description: "Good" },
      "k-complaints": { id: "significantlyBelow", description: "Inadequate" },
      "k-contamination": { id: "other", description: "Other" },
    });
    expect(metrics.get("k-contamination")?.notes).toMatch(/set after the assessment/);
  });

  it("gives the last value accepted in the range, and an override's reason as the note", () => {
    const metrics = assessedMetrics(notice());
    expect(metrics.get("k-missed")?.measure).toBe(54);
    expect(metrics.get("k-recycling")?.measure).toBe(46.1);
    expect(metrics.get("k-recycling")?.unit).toEqual({ name: "%" });
    expect(metrics.get("k-complaints")?.measure).toBeUndefined();
    expect(metrics.get("k-complaints")?.notes).toBe("Half the complaints sampled in the contract review were closed without a reply to the resident.");
  });

  it("carries one implementation notice document of type UK9 saying it sets out the KPI assessment", () => {
    const documents = notice().contracts[0]?.implementation.documents ?? [];
    expect(documents.map((d) => [d.documentType, d.noticeType])).toEqual([["implementationNotice", "UK9"]]);
    expect(documents[0]?.description).toContain("sets out the assessment of the supplier's performance against the key performance indicators");
    expect(documents[0]?.description).toContain("1 April 2025 to 31 March 2026");
  });

  it("writes the assessed period in UK time: BST in summer, GMT in winter, the offset always written", () => {
    const summer = assessedMetrics(notice()).get("k-riddor")?.period;
    expect(summer).toEqual({ startDate: "2025-04-01T00:00:00+01:00", endDate: "2026-03-31T23:59:59+01:00" });
    const calendar: AssessmentRecord = { ...financialYear, id: "a-2025", from: "2025-01-01", to: "2025-12-31" };
    const winter = assessedMetrics(notice({ assessment: calendar })).get("k-riddor")?.period;
    expect(winter).toEqual({ startDate: "2025-01-01T00:00:00+00:00", endDate: "2025-12-31T23:59:59+00:00" });
    expect(notice().contracts[0]?.period).toEqual({ startDate: "2024-04-01T00:00:00+01:00", endDate: "2031-03-31T23:59:59+01:00" });
  });

  it("ties the award, the contract, the buyer and the supplier together by id", () => {
    const n = notice();
    expect(n.ocid).toBe("ocds-h6vhtk-c-waste-2024");
    expect(n.id).toBe("ocds-h6vhtk-c-waste-2024-UK9-a-2025-26");
    expect(n.contracts[0]?.awardID).toBe(n.awards[0]?.id);
    const supplierParty = n.parties.find((p) => p.roles.includes("supplier"));
    expect(supplierParty?.identifier).toMatchObject({ scheme: "GB-COH", id: "08123456" });
    expect(supplierParty?.details).toEqual({ scale: "medium", vcse: false });
    expect(n.awards[0]?.suppliers.map((s) => s.id)).toEqual([supplierParty?.id]);
    expect(n.parties.find((p) => p.roles.includes("buyer"))?.id).toBe(n.buyer.id);
  });
});

describe("a broken notice is refused by the validator, at the field", () => {
  function broken(edit: (release: Record<string, unknown> & Notice) => void): string[] {
    const release = notice() as Record<string, unknown> & Notice;
    edit(release);
    return releaseErrors(release);
  }

  it("refuses a date without its offset", () => {
    expect(broken((r) => (r.date = "2026-04-21T10:00:00"))).toEqual(['/date: must match format "date-time"']);
  });

  it("refuses an observation period without its offset", () => {
    const errors = broken((r) => {
      const o = r.contracts[0]?.implementation.metrics[0]?.observations[0];
      if (o) o.period.startDate = "2025-04-01";
    });
    expect(errors).toEqual(['/contracts/0/implementation/metrics/0/observations/0/period/startDate: must match format "date-time"']);
  });

  it("refuses a size the partyScale codelist does not have", () => {
    const errors = broken((r) => {
      const details = r.parties[1]?.details;
      if (details) details.scale = "tiny";
    });
    expect(errors).toEqual(["/parties/1/details/scale: must be equal to one of the allowed values"]);
  });

  it("refuses a contract without its awardID", () => {
    const errors = broken((r) => {
      delete (r.contracts[0] as Partial<Notice["contracts"][number]>).awardID;
    });
    expect(errors).toEqual(["/contracts/0: must have required property 'awardID'"]);
  });
});

describe("the shipped schema", () => {
  // RFC 7386 JSON Merge Patch: objects merge, null deletes, anything else replaces.
  function mergePatch(target: unknown, patch: unknown): unknown {
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
    if (!isObject(patch)) return patch;
    const merged: Record<string, unknown> = isObject(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = mergePatch(merged[key], value);
    }
    return merged;
  }

  it("is exactly its sources merged in the manifest's order", () => {
    const read = (file: string): unknown => JSON.parse(readFileSync(`${OCDS_SCHEMA_DIR}sources/${file}`, "utf8"));
    const manifest = read("manifest.json") as { sources: { file: string }[] };
    const [base, ...patches] = manifest.sources.map((s) => read(s.file));
    expect(patches).toHaveLength(14);
    expect(patches.reduce((schema, patch) => mergePatch(schema, patch), base)).toEqual(releaseSchema);
  });
});
