// Supplier updates: what may be sent for a period, by whom, and what an update counts for.
import { z } from "zod";
import { REVIEW_DECISIONS, type KpiRecord, type KpiReview, type KpiUpdate, type KpiUpdateRecord, type PeriodEntry, type SubmittedAs } from "./model.js";

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
  throw new Error("Not implemented yet: requestDigest");
}

/** Updates as readers see them, by period then revision: status, review, and whether each counts. */
export function updateViews(updates: readonly KpiUpdateRecord[], reviews: readonly KpiReview[]): KpiUpdate[] {
  throw new Error("Not implemented yet: updateViews");
}

/**
 * Why this sender may not send an update for the period now: a supplier only reports a KPI whose
 * reporter is the supplier, and not while its last update waits for review.
 */
export function updateRefusal(kpi: KpiRecord, entry: PeriodEntry | undefined, submittedAs: SubmittedAs): { kind: "forbidden" | "conflict"; message: string } | undefined {
  throw new Error("Not implemented yet: updateRefusal");
}

/** Why an update cannot be reviewed (it was reviewed already, or the council sent it). */
export function reviewRefusal(update: KpiUpdate): string | undefined {
  throw new Error("Not implemented yet: reviewRefusal");
}
