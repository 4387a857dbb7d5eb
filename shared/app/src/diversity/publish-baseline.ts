// An EDI analyst publishes a closed year's baseline to the council's staff; what was published is kept.
import { hasRole, type Principal } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import { forbidden, notFound, stale, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { baselineView, computeBaseline, type BaselineView } from "./baseline-view.js";
import { isClosed } from "./campaign-view.js";
import { actorOf, audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

/**
 * Publishes the year's baseline to the council's staff, for EDI analysts, once its campaign has
 * closed (unprocessable before). The baseline as published is kept in the audit log, for later
 * years to compare against. Publishing a published year keeps the first publication.
 *
 * @example
 * const outcome = await publishBaseline(d, analyst, { year: 2026 });
 * if (outcome.ok) console.log(outcome.value.published?.at);
 */
export async function publishBaseline(d: DiversityDeps, caller: Principal, request: { year: number }): Promise<Outcome<BaselineView>> {
  if (!hasRole(caller, "edi-analyst")) return forbidden("Only EDI analysts can publish the diversity baseline.");
  const stored = await d.diversity.campaigns.get(request.year);
  if (!stored) return notFound(`The ${request.year} diversity baseline`);
  const { etag, ...campaign } = stored;
  if (campaign.publishedAt) return succeeded(await baselineView(d, campaign));
  const now = d.app.now();
  if (!isClosed(campaign, now)) return unprocessable([{ field: "year", message: `is a campaign still open until ${campaign.closesAt.slice(0, 10)}; close it first (admins can), then publish its baseline` }], "The baseline");

  const at = now.toISOString();
  const baseline = await computeBaseline(d, campaign);
  // The published numbers are kept before the campaign says it is published, so a published year
  // always has them for year on year.
  await audit(d, { ...actorOf(caller), action: "publish-baseline", supplierIds: [], purpose: "Share the year's diversity baseline with the council's staff", year: request.year, detail: JSON.stringify(baseline), at });
  const published = { ...campaign, publishedAt: at, publishedBy: caller.name || caller.userId };
  try {
    await d.diversity.campaigns.replace(published, etag);
  } catch (error) {
    if (!isStorageError(error, "precondition-failed")) throw error;
    // Published by someone else meanwhile: theirs is the publication.
    const again = await d.diversity.campaigns.get(request.year);
    if (again?.publishedAt) {
      const { etag: _etag, ...first } = again;
      return succeeded(await baselineView(d, first));
    }
    return stale(`The ${request.year} campaign changed while its baseline was being published. Publish it again.`);
  }
  return succeeded(await baselineView(d, published));
}
