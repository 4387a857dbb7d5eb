// Supplier updates: what may be sent for a period, by whom, and what an update counts for.
import { z } from "zod";
import { ukDate, ukDateTime } from "../register/dates.js";
import { REVIEW_DECISIONS, type KpiRecord, type KpiReview, type KpiUpdate, type KpiUpdateRecord, type PeriodEntry, type SubmittedAs, type UpdateStatus } from "./model.js";
import { periodStartDate } from "./periods.js";

export const kpiUpdateInputSchema = z
  .object({
    period: z.string({ error: "is required" }).trim().min(1, "is required"),
    value: z.number({ error: "must be a number" }).finite("must be a number"),
    note: z.string().trim().max(2000, "must be at most 2,000 characters").optional(),
    evidenceUrl: z.url({ protocol: /^https?$/, error: "must be a web address starting https://" }).max(2000, "must be at most 2,000 characters").optional(),
  })
  .strict();
export type KpiUpdateInput = z.output<typeof kpiUpdateInputSchema>;

export const reviewInputSchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS, { error: "must be approve or reject" }),
    reason: z.string().trim().max(2000, "must be at most 2,000 characters").optional(),
  })
  .strict()
  .superRefine((review, ctx) => {
    if (review.decision === "reject" && !review.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "is needed to reject an update: tell the supplier what to correct" });
  });
export type ReviewInput = z.output<typeof reviewInputSchema>;

/** What an idempotency key is compared with: the KPI and the request, in a fixed order. */
export function requestDigest(kpiId: string, input: KpiUpdateInput): string {
  return JSON.stringify([kpiId, input.period, input.value, input.note ?? null, input.evidenceUrl ?? null]);
}

/** An update's status from who sent it and its review. */
function statusOf(update: KpiUpdateRecord, review: KpiReview | undefined): UpdateStatus {
  if (update.submittedAs === "council") return "accepted";
  if (!review) return "pending";
  return review.decision === "approve" ? "accepted" : "rejected";
}

/** Updates as readers see them, by period then revision: status, review, and whether each counts. */
export function updateViews(updates: readonly KpiUpdateRecord[], reviews: readonly KpiReview[]): KpiUpdate[] {
  const reviewOf = new Map(reviews.map((r) => [r.updateId, r]));
  const views = updates.map((record): KpiUpdate => {
    const { requestDigest: _digest, ...shown } = record;
    const review = reviewOf.get(record.id);
    return { ...shown, status: statusOf(record, review), ...(review ? { review } : {}), counts: false };
  });
  views.sort((a, b) => compare(a.kpiId, b.kpiId) || compare(periodStartDate(a.period), periodStartDate(b.period)) || a.revision - b.revision);
  // Sorted by revision, the last accepted one of each KPI's period is the one that counts.
  const counting = new Map<string, KpiUpdate>();
  for (const view of views) if (view.status === "accepted") counting.set(`${view.kpiId}\n${view.period}`, view);
  for (const view of counting.values()) view.counts = true;
  return views;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


/**
 * Why this sender may not send an update for the period now: a supplier only reports a KPI whose
 * reporter is the supplier, and not while its last update waits for review. `period` names the
 * period in the message.
 */
export function updateRefusal(kpi: KpiRecord, entry: PeriodEntry | undefined, submittedAs: SubmittedAs, period: string): { kind: "forbidden" | "conflict"; message: string } | undefined {
  if (submittedAs === "council") return undefined;
  if (kpi.reporter !== "supplier") return { kind: "forbidden", message: "This KPI is reported by the contract manager, not the supplier." };
  const latest = entry?.latest;
  if (latest?.status === "pending") {
    return {
      kind: "conflict",
      message: `Your update for ${period} (revision ${latest.revision}, sent ${ukDate(new Date(latest.submittedAt))}) is waiting for the contract manager's review. You can send a correction once it is reviewed.`,
    };
  }
  return undefined;
}

/**
 * Why an update cannot be reviewed (it was reviewed already: by whom, by name where the review
 * keeps it, and when in UK time; or the council sent it), or because a later revision of the
 * period (`latestRevision`, its highest) was sent since.
 */
export function reviewRefusal(update: KpiUpdate, latestRevision: number): string | undefined {
  if (update.submittedAs === "council") return "This update was sent by the council's staff and counts as sent: it needs no review.";
  if (update.review) {
    const decided = update.review.decision === "approve" ? "approved" : "rejected";
    return `This update was already ${decided} by ${update.review.reviewedByName ?? update.review.reviewedBy} on ${ukDateTime(new Date(update.review.reviewedAt))}.`;
  }
  if (latestRevision > update.revision) return `A later revision (${latestRevision}) has been sent since; review that one.`;
  return undefined;
}
