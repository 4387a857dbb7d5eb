// An admin closes a year's diversity campaign: no more answers, and its form links stop working.
import { hasRole, type Principal } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import { forbidden, notFound, stale, succeeded, type Outcome } from "../outcome.js";
import { campaignView, type CampaignView } from "./campaign-view.js";
import { actorOf, audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

/**
 * Closes the year's campaign now, for admins: answers are no longer taken, and every form link of
 * the year is deleted, so none works again. Closing a closed campaign changes nothing. Changed by
 * someone else meanwhile: stale, to be read again.
 *
 * @example
 * const outcome = await closeCampaign(d, admin, { year: 2026 });
 * if (outcome.ok) console.log(outcome.value.status); // "closed"
 */
export async function closeCampaign(d: DiversityDeps, caller: Principal, request: { year: number }): Promise<Outcome<CampaignView>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can close a diversity campaign.");
  const stored = await d.diversity.campaigns.get(request.year);
  if (!stored) return notFound(`The ${request.year} diversity campaign`);
  const { etag, ...campaign } = stored;
  if (campaign.closedAt) return succeeded(await campaignView(d, campaign));
  const closed = { ...campaign, closedAt: d.app.now().toISOString(), closedBy: caller.userId };
  try {
    await d.diversity.campaigns.replace(closed, etag);
  } catch (error) {
    if (isStorageError(error, "precondition-failed")) return stale(`The ${request.year} campaign changed while it was being closed. Open it again and close it once more.`);
    throw error;
  }
  const deleted = await d.diversity.tokens.deleteOfYear(request.year);
  await audit(d, { ...actorOf(caller), action: "close-campaign", supplierIds: [], purpose: "Close the year's diversity questionnaire", year: request.year, detail: `${deleted} form links deleted` });
  return succeeded(await campaignView(d, closed));
}
