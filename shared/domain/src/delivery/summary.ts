// A contract's delivery summary, worked out from everything in its partition: written with every
// write, so that dashboards never read the updates (docs/storage.md).
import type { AssessmentRecord, DeliveryDigest, DeliverySummary, KpiRecord, KpiReview, KpiUpdateRecord, NoticePublication } from "./model.js";

export interface DeliveryRecords {
  contractId: string;
  /** The KPIs, and the commitments tracked like KPIs. */
  kpis: readonly KpiRecord[];
  updates: readonly KpiUpdateRecord[];
  reviews: readonly KpiReview[];
  assessments: readonly AssessmentRecord[];
  publications: readonly NoticePublication[];
}

/** The summary of these records, as version `version` (one more than the stored one). */
export function summarise(records: DeliveryRecords, version: number, at: string): DeliverySummary {
  throw new Error("Not implemented yet: summarise");
}

/** What the portfolio keeps of a summary. */
export function deliveryDigest(summary: DeliverySummary): DeliveryDigest {
  throw new Error("Not implemented yet: deliveryDigest");
}
