// The diversity campaigns, newest first, for the admins who run them and the EDI analysts who read them.
import { hasRole, type Principal } from "@toms/domain";
import { forbidden, succeeded, type Outcome } from "../outcome.js";
import { campaignView, type CampaignView } from "./campaign-view.js";
import type { DiversityDeps } from "./diversity-deps.js";

/**
 * Every campaign, newest year first, with how many were invited and answered, for admins and EDI analysts.
 *
 * @example
 * const outcome = await listCampaigns(d, analyst);
 * if (outcome.ok) for (const c of outcome.value) console.log(c.year, c.status, c.answered);
 */
export async function listCampaigns(d: DiversityDeps, caller: Principal): Promise<Outcome<CampaignView[]>> {
  if (!hasRole(caller, "admin", "edi-analyst")) return forbidden("Only procurement officers (admin) and EDI analysts can see the diversity campaigns.");
  const campaigns = (await d.diversity.campaigns.list()).sort((a, b) => b.year - a.year);
  return succeeded(await Promise.all(campaigns.map(({ etag: _etag, ...campaign }) => campaignView(d, campaign))));
}
