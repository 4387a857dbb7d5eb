// A business's own copy of everything stored of its diversity answers (its right of access).
import type { StoredDraft, StoredResponse } from "@toms/storage/diversity";
import { succeeded, type Outcome } from "../outcome.js";
import { audit, respondentSupplier, supplierNameOf, type Respondent } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface OwnAnswersExport {
  supplierId: string;
  supplierName: string;
  exportedAt: string;
  /** The answers that count, one per year. */
  responses: StoredResponse[];
  /** Every submission, the ones that count included. */
  history: StoredResponse[];
  /** Forms saved and not sent. */
  drafts: StoredDraft[];
}

/**
 * Everything stored of the business's diversity answers, for the business itself: signed in as its
 * contact, every year; through its form link, the link's year only (its answer, history and
 * draft), since whoever handled the link (say the admin who downloaded links.csv) holds it too.
 * The export is written to the audit log first.
 *
 * @example
 * const outcome = await ownAnswers(d, { kind: "user", caller: supplierContact });
 * if (outcome.ok) download("my-answers.json", JSON.stringify(outcome.value));
 */
export async function ownAnswers(d: DiversityDeps, respondent: Respondent): Promise<Outcome<OwnAnswersExport>> {
  const who = await respondentSupplier(d, respondent, "download its diversity answers");
  if (!who.ok) return who;
  const { supplierId } = who;
  const all = await d.diversity.responses.allOf(supplierId);
  const year = who.token?.year;
  const ofYear = <T extends { year: number }>(rows: T[]) => (year === undefined ? rows : rows.filter((r) => r.year === year));
  const stored = { current: ofYear(all.current), history: ofYear(all.history), drafts: ofYear(all.drafts) };
  const years = [...new Set([...stored.current, ...stored.history].map((r) => r.year))];
  await audit(d, { actor: who.actor, actorName: who.actorName, action: "export-own", supplierIds: [supplierId], purpose: "The business's own copy of its answers", ...(who.token ? { year: who.token.year } : {}), detail: `years ${years.join(", ") || "none"}` });
  return succeeded({
    supplierId,
    supplierName: await supplierNameOf(d, supplierId, who.token?.year),
    exportedAt: d.app.now().toISOString(),
    responses: stored.current,
    history: stored.history,
    drafts: stored.drafts,
  });
}
