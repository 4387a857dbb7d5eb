// A campaign as staff see it: open or closed, how many were asked and answered, and whether its baseline is published.
import type { CampaignRecord } from "@toms/storage/diversity";
import type { DiversityDeps } from "./diversity-deps.js";

export interface CampaignView {
  year: number;
  questionnaireVersion: string;
  /** Closed once an admin closes it or its closing time passes. */
  status: "open" | "closed";
  openedAt: string;
  closesAt: string;
  closedAt?: string;
  invited: number;
  /** Businesses whose answer for the year is stored now (an erased answer no longer counts). */
  answered: number;
  published: { at: string; by: string } | null;
}

/** Whether the campaign takes no more answers. */
export function isClosed(campaign: CampaignRecord, now: Date): boolean {
  return campaign.closedAt !== undefined || now.getTime() >= Date.parse(campaign.closesAt);
}

export function publishedOf(campaign: CampaignRecord): { at: string; by: string } | null {
  return campaign.publishedAt ? { at: campaign.publishedAt, by: campaign.publishedBy ?? "" } : null;
}

/** The view of a stored campaign, counting its stored answers. */
export async function campaignView(d: DiversityDeps, campaign: CampaignRecord): Promise<CampaignView> {
  const answered = (await d.diversity.responses.current(campaign.year)).length;
  return {
    year: campaign.year,
    questionnaireVersion: campaign.questionnaireVersion,
    status: isClosed(campaign, d.app.now()) ? "closed" : "open",
    openedAt: campaign.openedAt,
    closesAt: campaign.closesAt,
    ...(campaign.closedAt ? { closedAt: campaign.closedAt } : {}),
    invited: campaign.invited,
    answered,
    published: publishedOf(campaign),
  };
}
