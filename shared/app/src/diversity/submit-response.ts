// A business sends its diversity answers for a year: through its form link, or signed in as its contact.
import { hasRole, readDiversityAnswers, type FieldError } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { CampaignRecord, StoredResponse, Submitter } from "@toms/storage/diversity";
import { forbidden, invalid, notFound, stale, succeeded, unprocessable, type Failure, type Outcome } from "../outcome.js";
import { isClosed } from "./campaign-view.js";
import { campaignQuestionnaire, usableToken, type Respondent } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface SubmittedResponse {
  year: number;
  supplierId: string;
  revision: number;
  submittedAt: string;
  /** The business had answered that year before: this answer now counts instead (the earlier one stays in its history). */
  replaced: boolean;
  /** The same idempotency key as the answer that counts: that answer, and nothing new was stored. */
  replayed: boolean;
}

type Target = { ok: true; year: number; supplierId: string; campaign: CampaignRecord; submittedBy: Submitter };

function isRecord(input: unknown): input is Record<string, unknown> {
  return typeof input === "object" && input !== null && !Array.isArray(input);
}

/** The business and year the answers are for: the token's, or those named by a signed-in contact of that business. */
async function targetOf(d: DiversityDeps, respondent: Respondent, body: Record<string, unknown>): Promise<Target | Failure> {
  if (respondent.kind === "token") {
    const usable = await usableToken(d, respondent.token);
    if (!usable.ok) return usable;
    const { year, supplierId } = usable.token;
    // The link says whose answers they are and for which year: a body naming others is refused, not redirected.
    const errors: FieldError[] = [];
    if (body.year !== undefined && body.year !== year) errors.push({ field: "year", message: `must be ${year}, the year of this link, or left out` });
    if (body.supplierId !== undefined && body.supplierId !== supplierId) errors.push({ field: "supplierId", message: "must be the business this link was sent to, or left out" });
    if (errors.length > 0) return invalid(errors, "The answers");
    return { ok: true, year, supplierId, campaign: usable.campaign, submittedBy: { kind: "form" } };
  }
  const { caller } = respondent;
  if (!hasRole(caller, "supplier") || !caller.supplierId) return forbidden("Only a supplier's own contacts can send its diversity answers.");
  const errors: FieldError[] = [];
  if (typeof body.year !== "number" || !Number.isInteger(body.year)) errors.push({ field: "year", message: "must be the campaign year the answers are for, such as 2026" });
  if (typeof body.supplierId !== "string" || body.supplierId === "") errors.push({ field: "supplierId", message: "must be the id of the business the answers are for" });
  if (errors.length > 0) return invalid(errors, "The answers");
  // Another business's answers read as no such business: a contact does not learn which exist.
  if (body.supplierId !== caller.supplierId) return notFound("The supplier");
  const year = body.year as number;
  const campaign = await d.diversity.campaigns.get(year);
  if (!campaign) return notFound(`The ${year} diversity questionnaire`);
  if (isClosed(campaign, d.app.now())) return unprocessable([{ field: "year", message: `is a questionnaire that closed on ${(campaign.closedAt ?? campaign.closesAt).slice(0, 10)}, so it takes no more answers` }], "The answers");
  // Only the businesses invited (local SMEs, and those not known to be large) make up the year's baseline.
  if (!(await d.diversity.invitations.get(year, caller.supplierId))) {
    return unprocessable([{ field: "year", message: `is ${year}, but your business was not invited to the ${year} questionnaire, which is for the local small and medium-sized businesses the council invited; if you think it should have been, ask the council's procurement team` }], "The answers");
  }
  return { ok: true, year, supplierId: caller.supplierId, campaign, submittedBy: { kind: "user", userId: caller.userId } };
}

/**
 * Stores a business's answers for the year as the ones that count, keeping earlier ones as its
 * history. `body` is `{ year, supplierId, ...answers, privacyNoticeVersion }`; through a form link the
 * year and business are the link's (if given they must match). A signed-in caller must be a contact
 * of that business, and the business invited to that year's questionnaire (unprocessable, field
 * year, otherwise: an uninvited or large business is kept out of the SME baseline). Answers are
 * read with the campaign's questionnaire, and refused field by field. The campaign must be open.
 * Sent again with the idempotency key of the answer that counts, it answers that one (`replayed`),
 * stores nothing, and marks the invitation answered if it was not yet (a retry after the marking
 * failed). Two sends at the same moment are both kept: the one that loses the race is stored after
 * the other.
 *
 * @example
 * const outcome = await submitResponse(d, { kind: "token", token }, { privacyNoticeVersion: "diversity-2026.1", womenOwned: "yes" }, "key-1");
 * if (outcome.ok) console.log(`Revision ${outcome.value.revision}`);
 */
export async function submitResponse(d: DiversityDeps, respondent: Respondent, body: unknown, idempotencyKey?: string): Promise<Outcome<SubmittedResponse>> {
  if (!isRecord(body)) return invalid([{ field: "answers", message: "must be an object of answers keyed by question id" }], "The answers");
  const target = await targetOf(d, respondent, body);
  if (!target.ok) return target;
  const { year, supplierId, campaign, submittedBy } = target;
  const { year: _year, supplierId: _supplierId, ...given } = body;
  const read = readDiversityAnswers(campaignQuestionnaire(campaign), given);
  if (!read.ok) return invalid(read.errors, "The answers");
  const key = idempotencyKey?.trim() || undefined;

  // A race lost (another send stored first) is tried once more on what is stored then.
  for (let attempt = 0; ; attempt++) {
    const current = await d.diversity.responses.currentOf(supplierId, year);
    if (key !== undefined && current?.idempotencyKey === key) {
      // Marked again (it keeps the first time): a retry after the mark failed still marks the invitation.
      await d.diversity.invitations.markAnswered(year, supplierId, current.submittedAt);
      return succeeded({ year, supplierId, revision: current.revision, submittedAt: current.submittedAt, replaced: current.revision > 1, replayed: true });
    }
    const submittedAt = d.app.now().toISOString();
    const response: StoredResponse = { year, supplierId, revision: (current?.revision ?? 0) + 1, answers: read.answers, submittedAt, submittedBy, ...(key !== undefined ? { idempotencyKey: key } : {}) };
    try {
      await d.diversity.responses.submit(response, current?.etag);
    } catch (error) {
      if (!isStorageError(error, "precondition-failed") && !isStorageError(error, "conflict")) throw error;
      if (attempt === 0) continue;
      return stale("The answers were sent from somewhere else at the same moment. Open the form again, check the answers, and send them once more.");
    }
    await d.diversity.invitations.markAnswered(year, supplierId, submittedAt);
    return succeeded({ year, supplierId, revision: response.revision, submittedAt, replaced: current !== undefined, replayed: false });
  }
}
