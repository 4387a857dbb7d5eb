// Save the diversity form as typed, without sending it, so the business can come back to it through its link.
import { allQuestions, type FieldError, type Questionnaire } from "@toms/domain";
import { invalid, succeeded, type Outcome } from "../outcome.js";
import { campaignQuestionnaire, usableToken } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

/** No field of the form is longer (the longest question takes 2,000 characters); a draft holds no more. */
const MAX_DRAFT_TEXT = 2000;
const MAX_DRAFT_CHOICES = 50;

// The form's own fields only: a draft is not read as answers yet, but it stores nothing else.
function draftProblems(questionnaire: Questionnaire, fields: unknown): FieldError[] {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) return [{ field: "fields", message: "must be the form's fields, keyed by question" }];
  const known = new Set<string>(["privacyNoticeVersion"]);
  for (const question of allQuestions(questionnaire)) {
    known.add(question.id);
    if (question.kind !== "free-text" && question.kind !== "number-band" && question.other) known.add(question.other.field);
  }
  const problems: FieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!known.has(field)) problems.push({ field, message: `is not a question of the form; remove it` });
    else if (typeof value === "string") {
      if (value.length > MAX_DRAFT_TEXT) problems.push({ field, message: `must be at most ${MAX_DRAFT_TEXT} characters; please shorten it` });
    } else if (!Array.isArray(value) || value.length > MAX_DRAFT_CHOICES || !value.every((v) => typeof v === "string" && v.length <= MAX_DRAFT_TEXT)) {
      problems.push({ field, message: "must be text or a list of choices" });
    }
  }
  return problems;
}

/**
 * Saves the form's fields as a draft for the link's business and year, replacing its earlier draft.
 * The draft is not checked as answers (that happens when they are sent), only kept to the form's
 * fields. A link that does not work is not found, in the one text FORM_LINK_NOT_VALID.
 *
 * @example
 * const outcome = await saveDraft(d, token, { sector: "construction", barriers: ["payment-terms"] });
 * if (outcome.ok) console.log(`Saved at ${outcome.value.savedAt}`);
 */
export async function saveDraft(d: DiversityDeps, token: string, fields: Record<string, string | string[]>): Promise<Outcome<{ savedAt: string }>> {
  const usable = await usableToken(d, token);
  if (!usable.ok) return usable;
  const problems = draftProblems(campaignQuestionnaire(usable.campaign), fields);
  if (problems.length > 0) return invalid(problems, "The draft");
  const savedAt = d.app.now().toISOString();
  await d.diversity.responses.saveDraft({ year: usable.token.year, supplierId: usable.token.supplierId, fields: { ...fields }, savedAt });
  return succeeded({ savedAt });
}
