// KPIs: what is measured, its target from one period on, and the social value commitments
// tracked like KPIs (docs/delivery.md).
import { z } from "zod";
import type { FieldError } from "../field-error.js";
import { KPI_DIRECTIONS, KPI_FREQUENCIES, KPI_REPORTERS, type KpiFrequency, type KpiRecord, type KpiTargetVersion, type TrackedCommitment } from "./model.js";
import { contractPeriods, periodError, periodOf, periodStartDate } from "./periods.js";

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
  return {
    id: meta.id,
    contractId: contract.id,
    kind: "kpi",
    title: input.title,
    unit: input.unit,
    ...(input.description ? { description: input.description } : {}),
    direction: input.direction,
    frequency: input.frequency,
    reporter: input.reporter,
    versions: [{ fromPeriod: periodOf(contract.startDate, input.frequency), target: input.target, tolerance: input.tolerance ?? null, changedAt: meta.at, changedBy: meta.by }],
    ...(meta.templateId ? { templateId: meta.templateId } : {}),
    createdAt: meta.at,
    createdBy: meta.by,
    updatedAt: meta.at,
  };
}

/** The versions after a change of frequency: each applies from the new period holding its old first day (never before the contract's). */
function convertVersions(contract: ContractTerm, versions: readonly KpiTargetVersion[], frequency: KpiFrequency): KpiTargetVersion[] {
  const converted: KpiTargetVersion[] = [];
  for (const version of versions) {
    const start = periodStartDate(version.fromPeriod);
    const fromPeriod = periodOf(start > contract.startDate ? start : contract.startDate, frequency);
    // Two versions that now start in the same period: the later one is the one that applied there.
    if (converted.at(-1)?.fromPeriod === fromPeriod) converted.pop();
    converted.push({ ...version, fromPeriod });
  }
  return converted;
}

/**
 * The KPI after a change, or what is wrong with the change (fields named as sent). The frequency
 * cannot change once an update is recorded; a fromPeriod must be a period of the KPI within the contract.
 * A commitment's target is the commitment spread over the term: a new frequency spreads it again,
 * and its target and tolerance cannot be set by hand.
 */
export function applyKpiPatch(contract: ContractTerm, kpi: KpiRecord, patch: KpiPatch, meta: { by: string; at: string; hasUpdates: boolean }): { ok: true; kpi: KpiRecord } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const frequencyChanges = patch.frequency !== undefined && patch.frequency !== kpi.frequency;
  if (frequencyChanges && meta.hasUpdates) {
    errors.push({ field: "frequency", message: `cannot change once updates are recorded: this KPI has updates for its ${kpi.frequency} periods; add a new KPI instead` });
  }
  const frequency = patch.frequency ?? kpi.frequency;
  const retargets = patch.target !== undefined || patch.tolerance !== undefined;
  if (kpi.commitment) {
    if (patch.target !== undefined) errors.push({ field: "target", message: "is set by the social value commitment: the quantity committed, spread evenly over the contract's periods" });
    if (patch.tolerance !== undefined) errors.push({ field: "tolerance", message: "cannot be set on a social value commitment: it is 10% of the quantity due in the period" });
  } else if (patch.fromPeriod !== undefined && !retargets) {
    errors.push({ field: "fromPeriod", message: "names the first period a new target or tolerance applies to: send target or tolerance with it" });
  }
  let versions = frequencyChanges ? convertVersions(contract, kpi.versions, frequency) : [...kpi.versions];
  if (kpi.commitment && frequencyChanges) {
    const first = versions[0] ?? kpi.versions[0];
    if (!first) throw new Error(`KPI ${kpi.id} has no target`);
    versions = [{ ...first, fromPeriod: periodOf(contract.startDate, frequency), target: commitmentTarget(kpi.commitment, contractPeriods(contract, frequency, 0).length), changedAt: meta.at, changedBy: meta.by }];
  }
  if (retargets && !kpi.commitment && patch.fromPeriod !== undefined) {
    const wrongPeriod = periodError(contract, frequency, patch.fromPeriod);
    const last = versions.at(-1);
    if (!last) throw new Error(`KPI ${kpi.id} has no target`);
    if (wrongPeriod) errors.push({ field: "fromPeriod", message: wrongPeriod.message });
    else if (periodStartDate(patch.fromPeriod) < periodStartDate(last.fromPeriod)) {
      errors.push({ field: "fromPeriod", message: `must be on or after ${last.fromPeriod}, the period the current target applies from` });
    } else {
      const version: KpiTargetVersion = {
        fromPeriod: patch.fromPeriod,
        target: patch.target ?? last.target,
        tolerance: patch.tolerance !== undefined ? patch.tolerance : last.tolerance,
        changedAt: meta.at,
        changedBy: meta.by,
      };
      versions = patch.fromPeriod === last.fromPeriod ? [...versions.slice(0, -1), version] : [...versions, version];
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const { description: _description, ...kept } = kpi;
  const description = patch.description !== undefined ? patch.description : kpi.description;
  return {
    ok: true,
    kpi: {
      ...kept,
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(description ? { description } : {}),
      ...(patch.reporter !== undefined ? { reporter: patch.reporter } : {}),
      frequency,
      versions,
      updatedAt: meta.at,
    },
  };
}

/** The target and tolerance (resolved: 10% of the target when none is set) that apply to a period. */
export function targetFor(kpi: KpiRecord, period: string): { target: number; tolerance: number } {
  const start = periodStartDate(period);
  let version = kpi.versions[0];
  for (const candidate of kpi.versions) if (periodStartDate(candidate.fromPeriod) <= start) version = candidate;
  if (!version) throw new Error(`KPI ${kpi.id} has no target`);
  return { target: version.target, tolerance: version.tolerance ?? 0.1 * Math.abs(version.target) };
}

/** The quantity due in each period: the accepted commitment spread evenly over the contract's periods. */
function commitmentTarget(commitment: TrackedCommitment, periodCount: number): number {
  return (commitment.committedQuantity * commitment.acceptedFraction) / periodCount;
}

/**
 * A commitment tracked like a KPI: reported by the supplier, higher is better, quarterly unless
 * the manager changes it, and its target per period the commitment spread evenly over the term.
 */
export function commitmentKpi(contract: ContractTerm & { createdAt: string }, commitment: TrackedCommitment, meta: { id: string; frequency?: KpiFrequency; dueDays: number }): KpiRecord {
  const frequency = meta.frequency ?? "quarterly";
  const periods = contractPeriods(contract, frequency, meta.dueDays);
  const first = periods[0];
  if (!first) throw new Error(`Contract ${contract.id} has no periods`);
  return {
    id: meta.id,
    contractId: contract.id,
    kind: "social-value",
    title: commitment.name,
    unit: commitment.unit,
    direction: "higher",
    frequency,
    reporter: "supplier",
    versions: [{ fromPeriod: first.period, target: commitmentTarget(commitment, periods.length), tolerance: null, changedAt: contract.createdAt, changedBy: commitment.source }],
    commitment,
    createdAt: contract.createdAt,
    createdBy: commitment.source,
    updatedAt: contract.createdAt,
  };
}
