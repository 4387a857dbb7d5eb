// What the baseline shows, question by question: each answer's label from the questionnaire, its
// count (or that it is not shown), its share of those who answered, and its change since the last
// published year; and the barriers ranked. No count is made here: every figure is the service's,
// and a suppressed count stays a suppressed count (never a 0, never left out without a word).
import { PREFER_NOT_TO_SAY, QUESTIONNAIRE_V1, type BaselineCounts, type Question, type QuestionOption, type Questionnaire } from "@toms/domain";
import type { BaselineView } from "@toms/client";
import { formatNumber } from "../../common/format.js";

/** The counts of a year before, as the baseline carries them: each a change, null where either year's count was not shown. */
export type ChangeCounts = { counts: Readonly<Record<string, number | null>>; answered: number | null };

/** One answer of a question as its chart and table show it. */
export interface CountRow {
  value: string;
  label: string;
  /** The count, or null when it is not shown. */
  count: number | null;
  /** Per cent of those who answered the question, one decimal; null when either is not shown. */
  share: number | null;
  /** The change since the previous published year; null when not shown, undefined when there is no such year. */
  change: number | null | undefined;
}

/** One question (or the size bands, the SME test, sectors) as a chart and a table. */
export interface BaselineQuestion {
  id: string;
  title: string;
  /** The question as the businesses read it; none for what is worked out (size bands, the SME test). */
  asked?: string;
  answered: number | null;
  rows: CountRow[];
}

// Short headings for the ownership questions, whose text is written to the business ("What is
// your ethnic group?"). A question added later without one is headed by its own text.
const HEADINGS: Readonly<Record<string, string>> = {
  ethnicMinorityOwned: "Majority-owned by people from ethnic minority groups",
  womenOwned: "Majority-owned by women",
  disabledOwned: "Majority-owned by disabled people",
  ownersEthnicGroup: "Owners' ethnic group",
  ownersSexualOrientation: "Owners' sexual orientation",
  ownersReligion: "Owners' religion",
  ownersAgeBand: "Owners' age",
  sector: "Sector",
  barriers: "What makes it hard to bid for council work",
};

/** The council's size bands, worked out from the bands each business gave. */
export const SIZE_BAND_LABELS: readonly QuestionOption[] = [
  { value: "micro", label: "Micro" },
  { value: "small", label: "Small" },
  { value: "medium", label: "Medium" },
  { value: "large", label: "Large" },
  { value: "unknown", label: "Not known (the bands given do not settle it)" },
];

/** The Procurement Act 2023 SME test, worked out from the same bands. */
export const SME_LABELS: readonly QuestionOption[] = [
  { value: "yes", label: "An SME" },
  { value: "no", label: "Not an SME" },
  { value: "unknown", label: "Not known (the bands given do not settle it)" },
];

/** The questionnaire versions the labels come from, newest first. */
const QUESTIONNAIRES: readonly Questionnaire[] = [QUESTIONNAIRE_V1];

/** The questionnaire a year was asked under, by its version; the newest for a version this tab does not know (its labels still name most answers). */
export function questionnaireFor(version: string): Questionnaire {
  return QUESTIONNAIRES.find((q) => q.version === version) ?? QUESTIONNAIRE_V1;
}

/** A question of the questionnaire by its id (its field name). */
export function questionOf(questionnaire: Questionnaire, id: string): Question | undefined {
  return questionnaire.sections.flatMap((section) => section.questions).find((q) => q.id === id);
}

/** The options of a choice question; none for free text or a question the version does not have. */
export function optionsOf(questionnaire: Questionnaire, id: string): readonly QuestionOption[] {
  const question = questionOf(questionnaire, id);
  return question && question.kind !== "free-text" ? question.options : [];
}

/** A question's heading: its short heading, else its own text, else its id. */
export function headingOf(questionnaire: Questionnaire, id: string): string {
  return HEADINGS[id] ?? questionOf(questionnaire, id)?.text ?? id;
}

/** Per cent of `of`, one decimal; null when either is not shown or nobody answered. */
export function shareOf(count: number | null, of: number | null): number | null {
  if (count === null || of === null || of === 0) return null;
  return Math.round((1000 * count) / of) / 10;
}

/**
 * A question's rows in the questionnaire's order of its options, then any answer the service
 * counted that the labels do not name (by its value, so nothing it counted is dropped).
 */
export function countRows(counts: BaselineCounts, labels: readonly QuestionOption[], previous?: ChangeCounts | null): CountRow[] {
  const named = labels.filter((option) => option.value in counts.counts);
  const others = Object.keys(counts.counts).filter((value) => !labels.some((option) => option.value === value));
  return [...named, ...others.map((value) => ({ value, label: value }))].map(({ value, label }) => {
    const count = counts.counts[value] ?? null;
    return { value, label, count, share: shareOf(count, counts.answered), change: previous ? (previous.counts[value] ?? null) : undefined };
  });
}

/** Every question of the baseline as it is charted: the ownership questions in the questionnaire's order, the size bands, the SME test and the sectors. */
export function baselineQuestions(baseline: BaselineView, questionnaire: Questionnaire): BaselineQuestion[] {
  const previous = baseline.previousYear;
  const ownership = questionnaire.sections.flatMap((section) => section.questions.map((q) => q.id)).filter((id) => id in baseline.characteristics);
  const of = (id: string, counts: BaselineCounts, labels: readonly QuestionOption[], before: ChangeCounts | null | undefined, asked?: string): BaselineQuestion => ({
    id,
    title: headingOf(questionnaire, id),
    ...(asked ? { asked } : {}),
    answered: counts.answered,
    rows: countRows(counts, labels, previous ? (before ?? null) : undefined),
  });
  return [
    ...ownership.map((id) => of(id, baseline.characteristics[id] as BaselineCounts, optionsOf(questionnaire, id), previous?.characteristics[id], questionOf(questionnaire, id)?.text)),
    { ...of("sizeBands", baseline.sizeBands, SIZE_BAND_LABELS, previous?.sizeBands), title: "Size (the council's bands)" },
    { ...of("statutorySme", baseline.statutorySme, SME_LABELS, previous?.statutorySme), title: "SMEs under the Procurement Act 2023 test" },
    // The baseline's "sectors" count the answers to the questionnaire's "sector": headed by that question's heading.
    { ...of("sectors", baseline.sectors, optionsOf(questionnaire, "sector"), previous?.sectors, questionOf(questionnaire, "sector")?.text), title: headingOf(questionnaire, "sector") },
  ];
}

/**
 * The barriers, most named first (the questionnaire's order between equals), then those not
 * shown, in the questionnaire's order, since their place in the ranking is not known. "Prefer not
 * to say" is no barrier, so it is not ranked.
 */
export function barrierRanking(baseline: BaselineView, questionnaire: Questionnaire): CountRow[] {
  const rows = countRows(baseline.barriers, optionsOf(questionnaire, "barriers"), baseline.previousYear ? baseline.previousYear.barriers : undefined).filter((row) => row.value !== PREFER_NOT_TO_SAY);
  const shown = rows.filter((row) => row.count !== null).sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
  return [...shown, ...rows.filter((row) => row.count === null)];
}

/** A count as its cell says it: the number, or "Not shown". */
export function countWords(count: number | null): string {
  return count === null ? "Not shown" : formatNumber(count);
}

/** A share as its cell says it: "12.5%", or nothing when it cannot be given. */
export function shareWords(share: number | null): string {
  return share === null ? "" : `${formatNumber(share)}%`;
}

/** A change as its cell says it: "+5", "−3", "No change", "Not shown"; empty when there is no year before. */
export function changeWords(change: number | null | undefined): string {
  if (change === undefined) return "";
  if (change === null) return "Not shown";
  if (change === 0) return "No change";
  return change > 0 ? `+${formatNumber(change)}` : `−${formatNumber(-change)}`;
}

/** What "Not shown" means, with the baseline's own threshold. */
export function notShownNote(threshold: number): string {
  return `Not shown: fewer than ${threshold} businesses, or hidden so that a smaller count cannot be worked out from the others. Nobody can be picked out from what is shown.`;
}

/** The answers a chart leaves out because they are not shown, named, so none is read as 0. */
export function notShownWords(rows: readonly CountRow[], threshold: number): string {
  const hidden = rows.filter((row) => row.count === null).map((row) => row.label);
  if (hidden.length === 0) return "";
  return `Fewer than ${threshold}, or hidden to protect such a count, so not shown: ${hidden.join("; ")}.`;
}

/** The changes since the year before in a line, for beside a chart: "Since 2025: Yes +4; No not shown." Empty without a year before. */
export function changeLine(rows: readonly CountRow[], previousYear: number | undefined): string {
  if (previousYear === undefined || rows.every((row) => row.change === undefined)) return "";
  return `Since ${previousYear}: ${rows.map((row) => `${row.label} ${changeWords(row.change).replace(/^Not shown$/, "not shown").replace(/^No change$/, "no change")}`).join("; ")}.`;
}

/** Whether the question shows any count at all (with too few respondents, none is). */
export function showsAnyCount(rows: readonly CountRow[]): boolean {
  return rows.some((row) => row.count !== null);
}

/** With fewer respondents than twice the threshold no count is shown, only how many answered. */
export function tooFewWords(baseline: Pick<BaselineView, "total" | "suppressionThreshold" | "year">): string | null {
  if (baseline.total >= 2 * baseline.suppressionThreshold) return null;
  const noun = baseline.total === 1 ? "business" : "businesses";
  return `${formatNumber(baseline.total)} ${noun} answered in ${baseline.year}. Counts are shown only once at least ${2 * baseline.suppressionThreshold} have answered, so that nobody can be picked out.`;
}

/** How many answered, of how many asked: "61 of 420 businesses asked answered (14.5%)". */
export function responseWords(baseline: Pick<BaselineView, "total" | "invited" | "responseRate">): string {
  const answered = `${formatNumber(baseline.total)} ${baseline.total === 1 ? "business" : "businesses"}`;
  if (baseline.invited === null) return `${answered} answered.`;
  return `${answered} of the ${formatNumber(baseline.invited)} asked answered${baseline.responseRate === null ? "" : ` (${formatNumber(baseline.responseRate)}%)`}.`;
}
