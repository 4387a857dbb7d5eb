// The annual assessment as the contract page shows and sends it: titles and reasons in words, the
// range offered for a new assessment, the overrides a confirmation sends, and the UK9 file's name.
// The suggestion itself, and every rule about it, is the service's.
import { countRatings, RATINGS, type AssessmentKind, type AssessmentKpi, type ConfirmInput, type FieldError, type RatingId } from "@toms/domain";
import { formatDate, ratingLabel } from "../../common/format.js";

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

/** A YYYY-MM-DD date moved by whole years and days, on the calendar (29 February becomes 28 February). */
function shiftDate(date: string, years: number, days: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7)) - 1;
  const day = Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, lastDay) + days)).toISOString().slice(0, 10);
}

/**
 * The range a new assessment is offered with, for the person to check and change: the twelve
 * months that end on the date the dashboard says the next assessment is due. (The service does
 * not say where the next range begins; the person can move either date.)
 */
export function offeredRange(due: string): { from: string; to: string } {
  return { from: shiftDate(due, -1, 1), to: due };
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
    if (match[2] === "reason") own.reason = `The reason ${field.message}`;
    else own.rating = `The rating ${field.message}`;
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
