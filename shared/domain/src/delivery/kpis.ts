// KPIs: what is measured, its target from one period on, and the social value commitments
// tracked like KPIs (docs/delivery.md).
import { z } from "zod";
import type { FieldError } from "../field-error.js";
import { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_REPORTERS, type KpiFrequency, type KpiRecord, type TrackedCommitment } from "./model.js";

const title = z.string().trim().min(1, "is required").max(200, "must be at most 200 characters");
const unit = z.string().trim().min(1, "is required").max(60, "must be at most 60 characters");
const description = z.string().trim().max(2000, "must be at most 2,000 characters");
const amount = z.number({ error: "must be a number" }).finite("must be a number");
const tolerance = z.number({ error: "must be a number" }).finite("must be a number").nonnegative("must be zero or more");

export const kpiInputSchema = z
  .object({
    title,
    unit,
    target: amount,
    direction: z.enum(KPI_DIRECTIONS, { error: "must be higher or lower (which way is better)" }),
    frequency: z.enum(KPI_FREQUENCIES, { error: "must be monthly, quarterly or annual" }),
    reporter: z.enum(KPI_REPORTERS, { error: "must be supplier or manager (who reports it)" }),
    tolerance: tolerance.optional(),
    description: description.optional(),
  })
  .strict();
export type KpiInput = z.output<typeof kpiInputSchema>;

/** A change to a KPI. A new target or tolerance applies from `fromPeriod` on; earlier periods keep theirs. */
export const kpiPatchSchema = z
  .object({
    title: title.optional(),
    unit: unit.optional(),
    description: description.optional(),
    reporter: z.enum(KPI_REPORTERS, { error: "must be supplier or manager (who reports it)" }).optional(),
    frequency: z.enum(KPI_FREQUENCIES, { error: "must be monthly, quarterly or annual" }).optional(),
    target: amount.optional(),
    tolerance: tolerance.nullable().optional(),
    fromPeriod: z.string().trim().min(1, "is required").optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "must change at least one field")
  .superRefine((patch, ctx) => {
    if ((patch.target !== undefined || patch.tolerance !== undefined) && patch.fromPeriod === undefined) {
      ctx.addIssue({ code: "custom", path: ["fromPeriod"], message: "is needed with a new target or tolerance: name the first period it applies to, e.g. 2026-04" });
    }
  });
export type KpiPatch = z.output<typeof kpiPatchSchema>;

/** A commitment a procurement officer enters on a contract that has no award (one signed before the suite). */
export const enteredCommitmentSchema = z
  .object({
    measure: z.string().trim().min(1, "is required").max(40, "must be at most 40 characters"),
    quantity: z.number({ error: "must be a number" }).finite("must be a number").positive("must be more than zero"),
    catalogueVersion: z.string().trim().min(1).optional(),
    frequency: z.enum(KPI_FREQUENCIES, { error: "must be monthly, quarterly or annual" }).optional(),
  })
  .strict();
export type EnteredCommitment = z.output<typeof enteredCommitmentSchema>;

interface ContractTerm {
  id: string;
  startDate: string;
  endDate: string;
}

/** A new KPI on the contract; its first target applies from the contract's first period. */
export function newKpi(contract: ContractTerm, input: KpiInput, meta: { id: string; by: string; at: string; templateId?: string }): KpiRecord {
  throw new Error("Not implemented yet: newKpi");
}

/**
 * The KPI after a change, or what is wrong with the change (fields named as sent). The frequency
 * cannot change once an update is recorded; a fromPeriod must be a period of the KPI within the contract.
 */
export function applyKpiPatch(contract: ContractTerm, kpi: KpiRecord, patch: KpiPatch, meta: { by: string; at: string; hasUpdates: boolean }): { ok: true; kpi: KpiRecord } | { ok: false; errors: FieldError[] } {
  throw new Error("Not implemented yet: applyKpiPatch");
}

/** The target and tolerance (resolved: 10% of the target when none is set) that apply to a period. */
export function targetFor(kpi: KpiRecord, period: string): { target: number; tolerance: number } {
  throw new Error("Not implemented yet: targetFor");
}

/**
 * A commitment tracked like a KPI: reported by the supplier, higher is better, quarterly unless
 * the manager changes it, and its target per period the commitment spread evenly over the term.
 */
export function commitmentKpi(contract: ContractTerm & { createdAt: string }, commitment: TrackedCommitment, meta: { id: string; frequency?: KpiFrequency; dueDays: number }): KpiRecord {
  throw new Error("Not implemented yet: commitmentKpi");
}
