// The engagement list's filters and words: what each filter offers (from the questionnaire),
// the filters as the service takes them, the purpose it records, and each business in words.
import { ENGAGEMENT_CHARACTERISTICS, ENGAGEMENT_SIZES, PREFER_NOT_TO_SAY, type QuestionOption, type Questionnaire } from "@toms/domain";
import type { EngagementFilters, EngagementRow } from "@toms/client";
import { SIZE_BAND_LABELS, headingOf, optionsOf } from "./baseline-model.js";

/** The filters as the form holds them: "" is any. */
export interface EngagementForm {
  barrier: string;
  sector: string;
  size: string;
  characteristic: string;
}

export const NO_FILTERS: EngagementForm = { barrier: "", sector: "", size: "", characteristic: "" };

/** The choices of each filter, labelled from the questionnaire. "Prefer not to say" is no barrier or sector to look for. */
export function filterChoices(questionnaire: Questionnaire): Record<keyof EngagementForm, readonly QuestionOption[]> {
  const answers = (id: string) => optionsOf(questionnaire, id).filter((o) => o.value !== PREFER_NOT_TO_SAY);
  return {
    barrier: answers("barriers"),
    sector: answers("sector"),
    size: SIZE_BAND_LABELS.filter((o) => (ENGAGEMENT_SIZES as readonly string[]).includes(o.value)),
    characteristic: ENGAGEMENT_CHARACTERISTICS.map((id) => ({ value: id, label: headingOf(questionnaire, id) })),
  };
}

/** The filters as the service takes them, for `year`: only those chosen, and only values it knows. */
export function engagementFilters(form: EngagementForm, year: number | undefined): EngagementFilters {
  const size = ENGAGEMENT_SIZES.find((s) => s === form.size);
  const characteristic = ENGAGEMENT_CHARACTERISTICS.find((c) => c === form.characteristic);
  return {
    ...(year !== undefined ? { year } : {}),
    ...(form.barrier ? { barrier: form.barrier } : {}),
    ...(form.sector ? { sector: form.sector } : {}),
    ...(size ? { size } : {}),
    ...(characteristic ? { characteristic } : {}),
  };
}

/** The service needs a purpose of at least this many characters before it lists anyone (MIN_PURPOSE_LENGTH of
 * @toms/app/diversity, which the tab cannot import: it is Node code). Checked here only to say so before asking. */
export const PURPOSE_MIN_LENGTH = 5;

/** What is wrong with the purpose given, in words; undefined when it will do. */
export function purposeProblem(purpose: string): string | undefined {
  const given = purpose.trim();
  if (given.length === 0) return 'Say why you need this list, for example "Invitations to the March Meet the Buyer event". It is recorded in the audit log.';
  if (given.length < PURPOSE_MIN_LENGTH) return `Say a little more: at least ${PURPOSE_MIN_LENGTH} characters, for example "Invitations to the March Meet the Buyer event".`;
  return undefined;
}

/** A value's label among `options`, else the value itself. */
function labelOf(options: readonly QuestionOption[], value: string | undefined): string {
  if (!value) return "";
  return options.find((o) => o.value === value)?.label ?? value;
}

/** A business of the list in words: its sector, size, barriers and the ownership it said yes to. */
export function rowWords(row: EngagementRow, questionnaire: Questionnaire): { sector: string; size: string; barriers: string; ownership: string } {
  const ownership = ENGAGEMENT_CHARACTERISTICS.filter((id) => row[id] === "yes").map((id) => headingOf(questionnaire, id));
  return {
    sector: labelOf(optionsOf(questionnaire, "sector"), row.sector) || "Not given",
    size: labelOf(SIZE_BAND_LABELS, row.sizeBand) || "Not known",
    barriers: row.barriers.map((b) => labelOf(optionsOf(questionnaire, "barriers"), b)).join("; ") || "None named",
    ownership: ownership.join("; ") || "None of these",
  };
}
