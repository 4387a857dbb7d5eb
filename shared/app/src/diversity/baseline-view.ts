// A year's baseline as staff see it: worked out from the answers stored now (or as published), with the
// change since the newest earlier year as that year's baseline was published.
import { baselineChange, diversityBaseline, type BaselineChange, type DiversityBaseline } from "@toms/domain";
import type { CampaignRecord } from "@toms/storage/diversity";
import { isClosed, publishedOf } from "./campaign-view.js";
import { campaignQuestionnaire } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

export interface BaselineView extends DiversityBaseline {
  status: "open" | "closed";
  published: { at: string; by: string } | null;
  /** The change since the newest earlier published year, `null` cells where either year's count was suppressed; `null` when no earlier year is published. */
  previousYear: BaselineChange | null;
}

/** The year's baseline from the answers stored now: an erased business is no longer in it. */
export async function computeBaseline(d: DiversityDeps, campaign: CampaignRecord): Promise<DiversityBaseline> {
  const answers = (await d.diversity.responses.current(campaign.year)).map((r) => r.answers);
  return diversityBaseline(campaign.year, campaignQuestionnaire(campaign), answers, { threshold: d.settings.threshold, invited: campaign.invited, sizeThresholds: d.sizeThresholds });
}

/**
 * The baseline exactly as it was published, kept in the audit line of its publishing. Year on year
 * must compare against what was published, not last year recomputed today: after an erasure the
 * two would differ by one business, and the difference would give its answers away.
 */
export async function publishedBaseline(d: DiversityDeps, campaign: CampaignRecord): Promise<DiversityBaseline | undefined> {
  if (!campaign.publishedAt) return undefined;
  const entries = await d.diversity.audit.list({ from: campaign.publishedAt, to: campaign.publishedAt });
  const entry = entries.find((e) => e.action === "publish-baseline" && e.year === campaign.year && e.at === campaign.publishedAt && e.detail);
  return entry?.detail ? (JSON.parse(entry.detail) as DiversityBaseline) : undefined;
}

/**
 * The year's baseline with its status, publication and change since the newest earlier published
 * year. Worked out from the answers stored now; with `asPublished`, a published year's baseline is
 * the one kept when it was published (what staff who are not EDI analysts read).
 */
export async function baselineView(d: DiversityDeps, campaign: CampaignRecord, options: { asPublished?: boolean } = {}): Promise<BaselineView> {
  const baseline = (options.asPublished ? await publishedBaseline(d, campaign) : undefined) ?? (await computeBaseline(d, campaign));
  const earlier = (await d.diversity.campaigns.list()).filter((c) => c.year < campaign.year && c.publishedAt).sort((a, b) => b.year - a.year)[0];
  const previous = earlier ? await publishedBaseline(d, earlier) : undefined;
  return {
    ...baseline,
    status: isClosed(campaign, d.app.now()) ? "closed" : "open",
    published: publishedOf(campaign),
    previousYear: previous ? baselineChange(baseline, previous) : null,
  };
}
