// The diversity form behind a form link: the questionnaire, and the business's draft or answers to start from.
import { ANSWER_VERSION_FIELDS, type Questionnaire } from "@toms/domain";
import { succeeded, type Outcome } from "../outcome.js";
import { campaignQuestionnaire, supplierNameOf, usableToken } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface FormView {
  year: number;
  supplierName: string;
  closesAt: string;
  questionnaire: Questionnaire;
  /** The draft saved from the form, else the answers sent, else nothing. */
  answers: Record<string, string | string[]>;
  submittedAt?: string;
  draftSavedAt?: string;
}

/**
 * The form a link opens, filled in from the business's draft, else from the answers it sent. Any
 * link that does not work now (unknown, mistyped, expired, or its campaign closed) is not found,
 * always in the one text FORM_LINK_NOT_VALID.
 *
 * @example
 * const outcome = await openForm(d, token);
 * if (!outcome.ok) return page404(outcome.message);
 */
export async function openForm(d: DiversityDeps, token: string): Promise<Outcome<FormView>> {
  const usable = await usableToken(d, token);
  if (!usable.ok) return usable;
  const { year, supplierId } = usable.token;
  const [draft, current] = await Promise.all([d.diversity.responses.draftOf(supplierId, year), d.diversity.responses.currentOf(supplierId, year)]);
  const sent: Record<string, string | string[]> = {};
  for (const [field, value] of Object.entries(current?.answers ?? {})) {
    if (value !== undefined && !ANSWER_VERSION_FIELDS.includes(field)) sent[field] = typeof value === "string" ? value : [...value];
  }
  return succeeded({
    year,
    supplierName: await supplierNameOf(d, supplierId, year),
    closesAt: usable.campaign.closesAt,
    questionnaire: campaignQuestionnaire(usable.campaign),
    answers: draft?.fields ?? sent,
    ...(current ? { submittedAt: current.submittedAt } : {}),
    ...(draft ? { draftSavedAt: draft.savedAt } : {}),
  });
}
