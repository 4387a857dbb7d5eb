// A year's diversity baseline: for EDI analysts at any time, for the council's other staff once it is published.
import { hasRole, type Principal } from "@toms/domain";
import { forbidden, notFound, succeeded, type Outcome } from "../outcome.js";
import { baselineView, type BaselineView } from "./baseline-view.js";
import type { DiversityDeps } from "./diversity-deps.js";

/**
 * The year's baseline, every count through disclosure control, with the change since the newest
 * earlier published year. EDI analysts see it at any time, worked out from the answers stored now;
 * admins, evaluators and contract managers once it is published, and then as it was published (the
 * numbers kept in the publish-baseline audit line), with its status, publication and change since
 * the year before: a baseline worked out again after an erasure would differ from the published one
 * by the erased business, and the difference would give its answers away. Suppliers never see it.
 *
 * @example
 * const outcome = await baselineOf(d, analyst, { year: 2026 });
 * if (outcome.ok) console.log(outcome.value.total, outcome.value.characteristics.womenOwned?.counts.yes);
 */
export async function baselineOf(d: DiversityDeps, caller: Principal, request: { year: number }): Promise<Outcome<BaselineView>> {
  const analyst = hasRole(caller, "edi-analyst");
  const staff = hasRole(caller, "admin", "evaluator", "contract-manager");
  if (!analyst && !staff) return forbidden("The diversity baseline is for the council's staff.");
  const stored = await d.diversity.campaigns.get(request.year);
  if (!stored) return notFound(`The ${request.year} diversity baseline`);
  const { etag: _etag, ...campaign } = stored;
  if (!analyst && !campaign.publishedAt) return forbidden(`Only EDI analysts can see the ${request.year} baseline until it is published.`);
  return succeeded(await baselineView(d, campaign, { asPublished: !analyst }));
}
