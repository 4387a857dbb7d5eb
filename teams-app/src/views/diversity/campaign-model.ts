// What the campaign part of the EDI view says: which year is shown (the address's, else the
// newest), the campaign's state in words, who has not answered, and whether its baseline may be
// published now; and which years a colleague who is not an EDI analyst is shown.
import type { BaselineView, CampaignView, Me, ReminderRow } from "@toms/client";
import { formatDate, formatNumber } from "../../common/format.js";

/** Whether the signed-in person is an EDI analyst (the only role that sees a baseline before it is published). */
export function isEdiAnalyst(me: Pick<Me, "roles">): boolean {
  return me.roles.includes("edi-analyst");
}

/** Whether the signed-in person is council staff: a supplier's contact never sees a baseline, published or not. */
export function isCouncilStaff(me: Pick<Me, "roles">): boolean {
  return me.roles.some((role) => role !== "supplier");
}

/** The year in `?year=2026`, when it is one. */
export function readYear(params: URLSearchParams): number | undefined {
  const text = params.get("year");
  return text && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/** The campaigns newest first. */
export function newestFirst(campaigns: readonly CampaignView[]): CampaignView[] {
  return [...campaigns].sort((a, b) => b.year - a.year);
}

/** The campaign shown: the year asked for when there is one, else the newest; none when there is no campaign. */
export function chosenCampaign(campaigns: readonly CampaignView[], year: number | undefined): CampaignView | undefined {
  const sorted = newestFirst(campaigns);
  return sorted.find((c) => c.year === year) ?? sorted[0];
}

/** The campaign's state: "Open until 31 December 2026" or "Closed on 5 January 2027", and whether its baseline is published. */
export function statusWords(campaign: Pick<CampaignView, "status" | "closesAt" | "closedAt" | "published">): string {
  const state = campaign.status === "open" ? `Open until ${formatDate(campaign.closesAt)}` : `Closed${campaign.closedAt ? ` on ${formatDate(campaign.closedAt)}` : ""}`;
  const published = campaign.published ? `Baseline published to colleagues on ${formatDate(campaign.published.at)} by ${campaign.published.by}` : "Baseline not published";
  return `${state}. ${published}.`;
}

/** The share who answered, one decimal: null when nobody was asked. */
export function responseRate(campaign: Pick<CampaignView, "invited" | "answered">): number | null {
  return campaign.invited > 0 ? Math.round((1000 * campaign.answered) / campaign.invited) / 10 : null;
}

/** "3 businesses have not answered yet", or that everyone asked has. */
export function remindersHeadline(rows: readonly ReminderRow[]): string {
  if (rows.length === 0) return "Every business asked has answered.";
  return `${formatNumber(rows.length)} ${rows.length === 1 ? "business has" : "businesses have"} not answered yet.`;
}

/** A business to remind, with whom to ask: "Foleshill Bakery (Amira Khan, amira@example.com)". */
export function reminderLine(row: ReminderRow): string {
  const contact = [row.contactName, row.contactEmail].filter(Boolean).join(", ");
  return contact ? `${row.supplierName} (${contact})` : `${row.supplierName} (no contact recorded)`;
}

/** Only a closed campaign's baseline can be published, and only once. */
export function canPublish(baseline: Pick<BaselineView, "status" | "published">): boolean {
  return baseline.status === "closed" && baseline.published === null;
}

/** Why the Publish button is not offered, when it is not. */
export function publishNote(baseline: Pick<BaselineView, "status" | "published" | "year">): string {
  if (baseline.published) return `Published to colleagues on ${formatDate(baseline.published.at)} by ${baseline.published.by}.`;
  if (baseline.status === "open") return `The ${baseline.year} baseline can be published to colleagues once the questionnaire has closed.`;
  return `The ${baseline.year} baseline is not published yet.`;
}

/** What the confirmation says: who will be able to see it, and that it stays. */
export function publishConfirmWords(year: number): string {
  return `Procurement officers, evaluators and contract managers who sign in to the TOMs Suite will be able to see the ${year} baseline, as it is shown here: counts that could pick a business out stay hidden, and no business is named. Suppliers cannot see it. Once published it stays published.`;
}

/**
 * The years a colleague who is not an EDI analyst is shown the newest published baseline of:
 * this year's campaign and the year before's (they cannot list campaigns).
 */
export function staffYears(today: string): number[] {
  const year = Number(today.slice(0, 4));
  return [year, year - 1];
}

/** The newest published baseline among those loaded (a year not published, or refused, is null). */
export function newestPublished(baselines: readonly (BaselineView | null)[]): BaselineView | undefined {
  return baselines.filter((b): b is BaselineView => b !== null && b.published !== null).sort((a, b) => b.year - a.year)[0];
}
