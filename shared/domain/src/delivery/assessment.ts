// The assessment of a contract's KPIs over a range (s.71 Procurement Act 2023): a draft with a
// suggested rating per KPI, confirmed with the suggestions or overrides that give a reason.
import { z } from "zod";
import type { ContractRecord } from "../register/contract.js";
import type { FieldError } from "../field-error.js";
import { ASSESSMENT_KINDS, RATINGS, type AssessmentRecord, type DeliverySummary } from "./model.js";

const isoDate = z.iso.date("must be a date written as YYYY-MM-DD");
const ratingIds = RATINGS.map((r) => r.id) as [string, ...string[]];

export const assessmentInputSchema = z
  .object({
    from: isoDate,
    to: isoDate,
    kind: z.enum(ASSESSMENT_KINDS, { error: "must be annual or termination" }),
    replaces: z.string().trim().min(1).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.from && input.to && input.to < input.from) ctx.addIssue({ code: "custom", path: ["to"], message: "must be on or after from" });
  });
export type AssessmentInput = z.output<typeof assessmentInputSchema>;

export const confirmInputSchema = z
  .object({
    overrides: z
      .array(
        z
          .object({
            kpiId: z.string().trim().min(1, "is required"),
            rating: z.enum(ratingIds, { error: `must be one of ${ratingIds.join(", ")}` }),
            reason: z.string({ error: "is required: say why the rating differs from the suggestion" }).trim().min(1, "is required: say why the rating differs from the suggestion").max(2000, "must be at most 2,000 characters"),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type ConfirmInput = z.output<typeof confirmInputSchema>;

/** A draft assessment of the contract's KPIs (not its commitments) over the range, or what is wrong with the range. */
export function draftAssessment(contract: ContractRecord, summary: DeliverySummary | undefined, input: AssessmentInput, meta: { id: string; by: string; at: string; dueDays: number }): { ok: true; assessment: AssessmentRecord } | { ok: false; errors: FieldError[] } {
  throw new Error("Not implemented yet: draftAssessment");
}

/** The draft confirmed: each override (which must name a KPI of the draft) replaces its suggestion. */
export function confirmAssessment(draft: AssessmentRecord, input: ConfirmInput, meta: { by: string; at: string }): { ok: true; assessment: AssessmentRecord } | { ok: false; errors: FieldError[] } {
  throw new Error("Not implemented yet: confirmAssessment");
}
