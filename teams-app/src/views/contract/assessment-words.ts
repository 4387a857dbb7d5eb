// The annual assessment as the contract page shows and sends it: titles and reasons in words, the
// range offered for a new assessment, the overrides a confirmation sends, and the UK9 file's name.
// The suggestion itself, and every rule about it, is the service's.
import { countRatings, RATINGS, type AssessmentKind, type AssessmentKpi, type ConfirmInput, type FieldError, type RatingId } from "@toms/domain";
import { formatDate, inUkWords } from "../../common/format.js";
import { ratingLabel } from "../../common/ratings.js";

/**
 * Who did something to an assessment, from the sign-in id it records: "you (Tom Brennan)", the
 * contract's manager by name, else the id itself (the record holds no other name).
 */
export function personWords(id: string | undefined, me: { userId: string; name?: string | undefined }, contract: { managerId: string; managerName?: string | undefined }): string {
  if (!id) return "someone";
  if (id === me.userId) return `you (${me.name ?? id})`;
  if (id === contract.managerId && contract.managerName) return contract.managerName;
  return id;
}

/** "Annual assessment, 1 September 2025 to 31 August 2026". */
export function assessmentTitle(assessment: { kind: AssessmentKind; from: string; to: string }): string {
  const kind = assessment.kind === "annual" ? "Annual assessment" : "Termination assessment";
  return `${kind}, ${formatDate(assessment.from)} to ${formatDate(assessment.to)}`;
}

/**
 * Why the service suggested this rating for a KPI, from the periods it assessed: how many were
 * reported, how they were rated, and what that came to.
 */
export function suggestionReason(kpi: Pick<AssessmentKpi, "periods" | "suggested">): string {
  const total = kpi.periods.length;
  if (total === 0) return "No period of this KPI ends in the range, so there is nothing to rate it on.";
  const reported = kpi.periods.filter((p) => p.value !== undefined).length;
  const of = `${reported} of the ${total} ${total === 1 ? "period" : "periods"} in the range ${reported === 1 ? "has" : "have"} an accepted value`;
  if (kpi.suggested === "other") {
    return reported === 0 ? `None of the ${total} ${total === 1 ? "period" : "periods"} in the range has an accepted value: there is nothing to rate it on.` : `Only ${of}: fewer than half, so there is not enough reported to rate it.`;
  }
  const counts = countRatings(kpi.periods.filter((p) => p.value !== undefined).map((p) => p.rating));
  const spread = RATINGS.filter((r) => counts[r.id] > 0)
    .map((r) => `${r.label} ×${counts[r.id]}`)
    .join(", ");
  return `${of} (${spread}): the middle rating is ${ratingLabel(kpi.suggested)}.`;
}

/**
 * The range and kind a new assessment is offered with, for the person to check and change: the
 * one the service says is owed next, else (none owed) the contract's term so far.
 */
export function offeredAssessment(owed: { kind: AssessmentKind; from: string; to: string } | null, contract: { status: string; startDate: string; endDate: string }, today: string): { kind: AssessmentKind; from: string; to: string } {
  if (owed) return { kind: owed.kind, from: owed.from, to: owed.to };
  return { kind: offeredKind(contract.status), from: contract.startDate, to: contract.endDate < today ? contract.endDate : today };
}

/** An ended contract owes a termination assessment; any other an annual one. The person may change it. */
export function offeredKind(contractStatus: string): AssessmentKind {
  return contractStatus === "ended" ? "termination" : "annual";
}

/** What the person chose for one KPI of a draft: keep the suggestion, or override it. */
export interface OverrideChoice {
  override: boolean;
  rating?: RatingId;
  reason: string;
}

export interface OverrideProblems {
  rating?: string;
  reason?: string;
}

/** What is missing from the overrides chosen, by KPI id: an override needs a rating and a reason. */
export function overrideProblems(choices: Readonly<Record<string, OverrideChoice>>): Record<string, OverrideProblems> {
  const problems: Record<string, OverrideProblems> = {};
  for (const [kpiId, choice] of Object.entries(choices)) {
    if (!choice.override) continue;
    const own: OverrideProblems = {};
    if (!choice.rating) own.rating = "Choose the rating that stands instead of the suggestion.";
    if (!choice.reason.trim()) own.reason = "Say why the rating differs from the suggestion: the reason is kept with the assessment.";
    if (own.rating || own.reason) problems[kpiId] = own;
  }
  return problems;
}

/** The confirmation to send: the overrides chosen, in the order of the draft's KPIs. */
export function confirmationOf(kpis: readonly Pick<AssessmentKpi, "kpiId">[], choices: Readonly<Record<string, OverrideChoice>>): ConfirmInput {
  const overrides = kpis.flatMap((k) => {
    const choice = choices[k.kpiId];
    return choice?.override && choice.rating ? [{ kpiId: k.kpiId, rating: choice.rating, reason: choice.reason.trim() }] : [];
  });
  return overrides.length > 0 ? { overrides } : {};
}

/** The service's messages about the overrides sent (`overrides[1].reason`), by the KPI they were about. */
export function overrideFieldErrors(sent: ConfirmInput, fields: readonly FieldError[]): Record<string, OverrideProblems> {
  const problems: Record<string, OverrideProblems> = {};
  for (const field of fields) {
    const match = /^overrides\[(\d+)\]\.(rating|reason|kpiId)$/.exec(field.field);
    const kpiId = match ? sent.overrides?.[Number(match[1])]?.kpiId : undefined;
    if (!match || !kpiId) continue;
    const own = (problems[kpiId] ??= {});
    if (match[2] === "reason") own.reason = `The reason ${inUkWords(field.message)}`;
    else own.rating = `The rating ${inUkWords(field.message)}`;
  }
  return problems;
}

/** The UK9 notice's file name: `UK9-CCC-2024-009-2026-08-31.json` (a reference's spaces and slashes become hyphens). */
export function noticeFileName(reference: string, to: string): string {
  const safe = reference.trim().replace(/[\s/\\]+/g, "-");
  return `UK9-${safe}-${to}.json`;
}

/**
 * When the notice was published, as the service takes it: nothing for today (the service records
 * the moment it is marked), else midday UTC of the day given, which is the same day in the UK.
 */
export function publishedAtOf(date: string, today: string): string | undefined {
  return date === today ? undefined : `${date}T12:00:00Z`;
}
