// The assessment of a contract's KPIs over a range (s.71 Procurement Act 2023): a draft with a
// suggested rating per KPI, confirmed with the suggestions or overrides that give a reason.
import { z } from "zod";
import type { ContractRecord } from "../register/contract.js";
import type { FieldError } from "../field-error.js";
import { targetFor } from "./kpis.js";
import { ASSESSMENT_KINDS, RATINGS, type AssessmentKpi, type AssessmentRecord, type DeliverySummary, type RatingId } from "./model.js";
import { contractPeriods, periodOf } from "./periods.js";
import { rate, suggestRating } from "./ratings.js";

const isoDate = z.iso.date("must be a date written as YYYY-MM-DD");
const ratingIds = RATINGS.map((r) => r.id) as [RatingId, ...RatingId[]];

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
  const errors: FieldError[] = [];
  if (input.from > contract.endDate) errors.push({ field: "from", message: `must be on or before the contract's end, ${contract.endDate}` });
  if (input.to < contract.startDate) errors.push({ field: "to", message: `must be on or after the contract's start, ${contract.startDate}` });
  if (errors.length > 0) return { ok: false, errors };
  const kpis = (summary?.kpis ?? [])
    .filter((kpi) => kpi.kind === "kpi")
    .map((kpi): AssessmentKpi => {
      const entries = summary?.periods[kpi.id] ?? {};
      // A period belongs to the range it ends in.
      const periods = contractPeriods(contract, kpi.frequency, meta.dueDays)
        .filter((p) => p.endDate >= input.from && p.endDate <= input.to)
        .map((p) => {
          const { target, tolerance } = targetFor(kpi, p.period);
          const value = entries[p.period]?.accepted?.value;
          return { period: p.period, startDate: p.startDate, endDate: p.endDate, ...(value !== undefined ? { value } : {}), rating: rate(kpi.direction, target, tolerance, value) };
        });
      const suggested = suggestRating(periods.map((p) => p.rating));
      return { kpiId: kpi.id, title: kpi.title, unit: kpi.unit, direction: kpi.direction, target: targetFor(kpi, periodOf(input.to, kpi.frequency)).target, periods, suggested, rating: suggested };
    });
  return {
    ok: true,
    assessment: {
      id: meta.id,
      contractId: contract.id,
      kind: input.kind,
      from: input.from,
      to: input.to,
      status: "draft",
      ...(input.replaces ? { replaces: input.replaces } : {}),
      kpis,
      createdAt: meta.at,
      createdBy: meta.by,
    },
  };
}

/** The draft confirmed: each override (which must name a KPI of the draft, once) replaces its suggestion. */
export function confirmAssessment(draft: AssessmentRecord, input: ConfirmInput, meta: { by: string; at: string }): { ok: true; assessment: AssessmentRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const overrides = new Map<string, { rating: RatingId; reason: string }>();
  (input.overrides ?? []).forEach((o, i) => {
    if (!draft.kpis.some((k) => k.kpiId === o.kpiId)) errors.push({ field: `overrides[${i}].kpiId`, message: `is not a KPI of this assessment: ${o.kpiId}. Use the kpiId of one of its KPIs.` });
    else if (overrides.has(o.kpiId)) errors.push({ field: `overrides[${i}].kpiId`, message: `repeats ${o.kpiId}: give one override per KPI` });
    else overrides.set(o.kpiId, { rating: o.rating, reason: o.reason });
  });
  if (errors.length > 0) return { ok: false, errors };
  const kpis = draft.kpis.map((k): AssessmentKpi => {
    const override = overrides.get(k.kpiId);
    const { override: _old, ...kept } = k;
    return override ? { ...kept, rating: override.rating, override } : { ...kept, rating: k.suggested };
  });
  return { ok: true, assessment: { ...draft, status: "confirmed", kpis, confirmedAt: meta.at, confirmedBy: meta.by } };
}
