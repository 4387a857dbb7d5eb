// The shapes of contract delivery (docs/delivery.md): KPIs, their periods, updates and reviews,
// social value commitments tracked like KPIs, assessments and their UK9 notices. Every surface,
// the storage and the rules share these; the rules that act on them are in this folder.

/** Which way is better for a KPI's value. */
export const KPI_DIRECTIONS = ["higher", "lower"] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/** How often a KPI is reported: periods `2026-03`, `2026-Q1`, `2026` (calendar, in UK time). */
export const KPI_FREQUENCIES = ["monthly", "quarterly", "annual"] as const;
export type KpiFrequency = (typeof KPI_FREQUENCIES)[number];

/** Who reports the KPI: the supplier's contacts (reviewed by the manager), or the council. */
export const KPI_REPORTERS = ["supplier", "manager"] as const;
export type KpiReporter = (typeof KPI_REPORTERS)[number];

/** A KPI set for the contract, or a social value commitment tracked like one. */
export const KPI_KINDS = ["kpi", "social-value"] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

/**
 * The statutory ratings (Procurement Regulations 2024, reg 39(5)), in order from best to worst,
 * with "other" last, and the OCDS measureClassification id each is published as.
 */
export const RATINGS = [
  { id: "good", label: "Good", ocds: "met" },
  { id: "approachingTarget", label: "Approaching target", ocds: "slightlyBelow" },
  { id: "requiresImprovement", label: "Requires improvement", ocds: "below" },
  { id: "inadequate", label: "Inadequate", ocds: "significantlyBelow" },
  { id: "other", label: "Other", ocds: "other" },
] as const satisfies readonly { id: string; label: string; ocds: string }[];
export type RatingId = (typeof RATINGS)[number]["id"];

/** A target and its tolerance from one period on; the first applies from the contract's first period. */
export interface KpiTargetVersion {
  /** The first period this target applies to (e.g. "2026-04"). */
  fromPeriod: string;
  target: number;
  /** How far from the target still counts as approaching it, in the KPI's unit; null: 10% of the target. */
  tolerance: number | null;
  changedAt: string;
  changedBy: string;
}

/** The social value commitment a social-value KPI tracks, as awarded (or entered by an admin). */
export interface TrackedCommitment {
  /** The measure's code in the catalogue, e.g. "CCC-EC03". */
  measure: string;
  name: string;
  theme: string;
  outcomes: string[];
  unit: string;
  /** Quantity over the contract term, as committed. */
  committedQuantity: number;
  /** The share evaluators accepted (1 = 100%); 1 for an entered commitment. */
  acceptedFraction: number;
  /** £ per unit at `catalogueVersion`; null for a record-only measure. Never changes for the contract. */
  proxyValue: number | null;
  /** committedQuantity x acceptedFraction x proxyValue; 0 when record only. */
  committedValue: number;
  catalogueVersion: string;
  /** From the award, or entered by a procurement officer (a contract signed before the suite). */
  source: "award" | "entered";
}

export interface KpiRecord {
  id: string;
  contractId: string;
  kind: KpiKind;
  title: string;
  unit: string;
  description?: string;
  direction: KpiDirection;
  frequency: KpiFrequency;
  reporter: KpiReporter;
  /** Oldest first; never empty. A period's target is the last version whose fromPeriod is not after it. */
  versions: KpiTargetVersion[];
  /** Set for kind "social-value". */
  commitment?: TrackedCommitment;
  /** The template it came from, if any. */
  templateId?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** Who sent an update: the supplier's contact (reviewed), or the council's staff (accepted as sent). */
export type SubmittedAs = "supplier" | "council";

/** A reported value for one KPI and period. Kept as sent: a correction is a new revision. */
export interface KpiUpdateRecord {
  id: string;
  contractId: string;
  kpiId: string;
  period: string;
  /** 1 for the period's first update, then 2, 3... */
  revision: number;
  /** The KPI's value, or for social value the quantity delivered in the period. */
  value: number;
  note?: string;
  evidenceUrl?: string;
  submittedAs: SubmittedAs;
  submittedBy: string;
  submittedByName?: string;
  submittedAt: string;
  /** The idempotency key as sent, and a digest of the request it came with. */
  idempotencyKey: string;
  requestDigest: string;
}

export const REVIEW_DECISIONS = ["approve", "reject"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The contract manager's decision on a supplier's update: written once. */
export interface KpiReview {
  updateId: string;
  decision: ReviewDecision;
  reason?: string;
  reviewedBy: string;
  /** The reviewer's name as signed in, for messages; absent in reviews written before it was kept. */
  reviewedByName?: string;
  reviewedAt: string;
}

/** pending: a supplier's update waiting for review; accepted: approved, or sent by the council. */
export type UpdateStatus = "pending" | "accepted" | "rejected";

/** An update as readers see it: the record, its review, and what it now counts for. */
export interface KpiUpdate extends Omit<KpiUpdateRecord, "requestDigest"> {
  status: UpdateStatus;
  review?: KpiReview;
  /** This is the latest accepted revision of its period: the one that counts. */
  counts: boolean;
}

/** One period of a KPI as the calendar gives it. Dates are YYYY-MM-DD in UK time, inclusive. */
export interface PeriodInfo {
  period: string;
  startDate: string;
  endDate: string;
  /** The date the update is due: `dueDays` after the end. */
  due: string;
}

/** What the summary keeps of a period that has updates: the latest revision, and the one that counts. */
export interface PeriodEntry {
  latest: {
    updateId: string;
    revision: number;
    status: UpdateStatus;
    value: number;
    submittedAs: SubmittedAs;
    submittedAt: string;
    submittedBy: string;
    /** When it was reviewed; absent while pending, for the council's updates, and in summaries written before it was kept. */
    reviewedAt?: string;
  };
  /** The latest accepted revision, if any: its value is the period's. */
  accepted?: { updateId: string; revision: number; value: number; submittedAt: string };
}

/** How a period of a KPI stands today. */
export type PeriodStatus =
  /** Not yet begun: nothing can be reported. */
  | "not-started"
  /** Begun, not yet due, nothing reported. */
  | "open"
  /** Due date passed with nothing reported (or only a rejected update). */
  | "overdue"
  /** A supplier's update waits for the contract manager. */
  | "awaiting-review"
  /** The latest update was rejected: the supplier must send a correction. */
  | "rejected"
  | "accepted";

/** A period of a KPI with its target, what counts and its rating. */
export interface KpiPeriod extends PeriodInfo {
  target: number;
  tolerance: number;
  status: PeriodStatus;
  /** The accepted value, if any. */
  value?: number;
  /** The update whose value counts. */
  updateId?: string;
  rating: RatingId;
}

export const ASSESSMENT_KINDS = ["annual", "termination"] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** One KPI's part of an assessment: the periods it covers, the suggestion, and the rating that stands. */
export interface AssessmentKpi {
  kpiId: string;
  title: string;
  unit: string;
  direction: KpiDirection;
  /** The target at the end of the range. */
  target: number;
  periods: { period: string; startDate: string; endDate: string; value?: number; rating: RatingId }[];
  suggested: RatingId;
  /** The suggestion, or the override once confirmed with one. */
  rating: RatingId;
  override?: { rating: RatingId; reason: string };
}

export interface AssessmentRecord {
  id: string;
  contractId: string;
  kind: AssessmentKind;
  /** The range assessed, YYYY-MM-DD inclusive. */
  from: string;
  to: string;
  status: "draft" | "confirmed";
  /** The confirmed assessment this one corrects. */
  replaces?: string;
  kpis: AssessmentKpi[];
  createdAt: string;
  createdBy: string;
  confirmedAt?: string;
  confirmedBy?: string;
}

/** The UK9 notice of a confirmed assessment marked published (on Find a Tender). */
export interface NoticePublication {
  assessmentId: string;
  publishedAt: string;
  publishedBy: string;
  /** Where it was published, e.g. the Find a Tender notice's address. */
  url?: string;
}

/** What the summary keeps of an assessment. */
export interface AssessmentDigest {
  id: string;
  kind: AssessmentKind;
  from: string;
  to: string;
  status: "draft" | "confirmed";
  replaces?: string;
  confirmedAt?: string;
  publishedAt?: string;
}

/**
 * A contract's delivery in one record, maintained on every write in the same transaction as the
 * write (docs/storage.md): its KPIs (and tracked commitments), what each period's updates came to,
 * and its assessments. Dashboards, compliance and the report read this, never the updates.
 * Everything that depends on today is worked out when it is read.
 */
export interface DeliverySummary {
  contractId: string;
  /** Goes up by one with each write: a copy older than the partition's is stale. */
  version: number;
  kpis: KpiRecord[];
  /** By KPI id, then by period: only periods that have updates. */
  periods: Record<string, Record<string, PeriodEntry>>;
  assessments: AssessmentDigest[];
  updatedAt: string;
}

/** Where a KPI comes from in the library: a set of KPIs for a kind of contract. */
export interface KpiTemplate {
  id: string;
  /** e.g. "Waste collection", "Facilities management". */
  name: string;
  /** e.g. "waste", "fm", "social-care", "construction", "highways", "ict". */
  sector: string;
  description: string;
  kpis: {
    title: string;
    unit: string;
    description?: string;
    target: number;
    tolerance?: number;
    direction: KpiDirection;
    frequency: KpiFrequency;
    reporter: KpiReporter;
  }[];
  /** Built in (shipped with the suite) or added by a procurement officer. */
  builtIn: boolean;
  createdAt?: string;
  createdBy?: string;
}

/** One line of social value delivered: the source of every £ shown anywhere. */
export interface SocialValueLine {
  contractId: string;
  contractReference: string;
  supplierId: string;
  serviceArea: string | null;
  kpiId: string;
  measure: string;
  name: string;
  theme: string;
  outcomes: string[];
  unit: string;
  period: string;
  /** The period's last day, YYYY-MM-DD: the year it counts in. */
  periodEnd: string;
  /** The quantity committed for this period: the term's commitment spread evenly over its periods. */
  committedQuantity: number;
  committedValue: number;
  /** The accepted quantity delivered; 0 when nothing is accepted. */
  deliveredQuantity: number;
  proxyValue: number | null;
  catalogueVersion: string;
  /** deliveredQuantity x proxyValue (0 when record only). */
  deliveredValue: number;
  /** The update the delivered quantity came from, and its revision. */
  updateId?: string;
  revision?: number;
}

/** A compliance finding on a contract (docs/delivery.md). */
export const COMPLIANCE_CODES = ["KPI_MINIMUM", "ASSESSMENT_DUE", "UPDATES_OVERDUE", "NOTICE_UNPUBLISHED"] as const;
export type ComplianceCode = (typeof COMPLIANCE_CODES)[number];

export interface ComplianceFinding {
  code: ComplianceCode;
  /** warning: coming due; error: a duty is missed. */
  severity: "warning" | "error";
  message: string;
  /** The date the duty falls due (YYYY-MM-DD), or null when it has none. */
  due: string | null;
}

/**
 * What the portfolio reads of a contract: small and independent of today, kept beside every
 * write. `marks` has one `period:mark` pair per period with updates, space separated, where the
 * mark is the period's rating when a value is accepted (g, a, r, i), then p and the UK day it was
 * sent while a supplier's update waits for review, or x and the UK day of the review when the
 * latest update was rejected (a digest written before the day was kept has a bare x).
 */
export interface DeliveryDigest {
  contractId: string;
  version: number;
  kpis: { id: string; kind: KpiKind; title: string; reporter: KpiReporter; frequency: KpiFrequency; marks: string }[];
  assessments: AssessmentDigest[];
  /** Over the contract's term, in the catalogue's money: committed at award, delivered as accepted. */
  socialValue: { committed: number; delivered: number };
}

/** Who owes what, since when: an update not sent, or a supplier's update not reviewed. */
export interface OwedUpdate {
  contractId: string;
  kpiId: string;
  kpiTitle: string;
  period: string;
  /** The day it fell due; for a review, the day the update was sent; for a correction, the day of the rejection. */
  since: string;
  /** supplier: their contacts must send it; manager: the contract manager must send or review it. */
  owedBy: "supplier" | "manager";
  what: "update" | "correction" | "review";
}
