// Erase a business's diversity answers at once: every answer, its history and drafts; the baseline is worked out afresh from what is left.
import { hasRole, type Principal } from "@toms/domain";
import { forbidden, invalid, succeeded, type Outcome } from "../outcome.js";
import { actorOf, audit, readPurpose, respondentSupplier, type Respondent } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

/** An EDI analyst erasing a business's answers, for example when it asks the council to. */
export interface AnalystErasure {
  kind: "analyst";
  caller: Principal;
  supplierId: string;
  purpose: string;
}

/**
 * Deletes everything stored of the business's diversity answers (every year, its history and
 * drafts), at once. The business asks signed in as its contact, or through its form link, which
 * erases the link's year only; an EDI analyst names the business and why, and erases every year. The erasure is written to the audit log first (no answers in
 * it). Every baseline is computed from the answers stored, so the next one read no longer counts it.
 *
 * @example
 * const outcome = await eraseAnswers(d, { kind: "analyst", caller: analyst, supplierId, purpose: "The business asked us to delete its answers" });
 * if (outcome.ok) console.log(`${outcome.value.erased} rows deleted`);
 */
export async function eraseAnswers(d: DiversityDeps, who: Respondent | AnalystErasure): Promise<Outcome<{ erased: number }>> {
  let erasure: { supplierId: string; actor: string; actorName: string; purpose: string; year?: number };
  if (who.kind === "analyst") {
    if (!hasRole(who.caller, "edi-analyst")) return forbidden("Only EDI analysts can erase a business's diversity answers for it.");
    const purpose = readPurpose(who.purpose);
    if (!purpose.ok) return purpose;
    if (typeof who.supplierId !== "string" || who.supplierId.trim() === "") return invalid([{ field: "supplierId", message: "must be the id of the business whose answers are to be erased" }], "The erasure");
    erasure = { supplierId: who.supplierId, ...actorOf(who.caller), purpose: purpose.purpose };
  } else {
    const own = await respondentSupplier(d, who, "erase its diversity answers");
    if (!own.ok) return own;
    erasure = { supplierId: own.supplierId, actor: own.actor, actorName: own.actorName, purpose: "The business asked for its answers to be erased", ...(own.token ? { year: own.token.year } : {}) };
  }
  await audit(d, { actor: erasure.actor, actorName: erasure.actorName, action: "erase", supplierIds: [erasure.supplierId], purpose: erasure.purpose, ...(erasure.year !== undefined ? { year: erasure.year } : {}) });
  const erased = await d.diversity.responses.eraseSupplier(erasure.supplierId, erasure.year);
  return succeeded({ erased });
}
