// A KPI's updates as the contract page lists them: by period, newest period first, each period's
// revisions in the order they were sent, with who sent and reviewed each in words.
import { periodStartDate, type KpiUpdate } from "@toms/domain";
import { formatDateTime } from "../../common/format.js";
import { periodLabel } from "./period-label.js";

export interface PeriodUpdates {
  period: string;
  label: string;
  /** Revision 1 first. */
  revisions: KpiUpdate[];
}

/** The updates by period (newest first), revisions in order within each. */
export function updatesByPeriod(updates: readonly KpiUpdate[]): PeriodUpdates[] {
  const byPeriod = new Map<string, KpiUpdate[]>();
  for (const update of updates) byPeriod.set(update.period, [...(byPeriod.get(update.period) ?? []), update]);
  return [...byPeriod.entries()]
    .sort(([a], [b]) => periodStartDate(b).localeCompare(periodStartDate(a)))
    .map(([period, revisions]) => ({ period, label: periodLabel(period), revisions: revisions.sort((a, b) => a.revision - b.revision) }));
}

/** How many updates wait for the contract manager's review. */
export function pendingCount(updates: readonly KpiUpdate[]): number {
  return updates.filter((u) => u.status === "pending").length;
}

/** Where an update stands, in words. */
export function updateStatusWords(update: Pick<KpiUpdate, "status" | "submittedAs" | "review" | "counts">): string {
  if (update.status === "pending") return "Waiting for review";
  if (update.status === "rejected") return "Rejected";
  const how = update.submittedAs === "council" ? "Accepted as sent by the council" : "Approved";
  return update.counts ? `${how}: this is the value that counts` : `${how}, since corrected`;
}

/** "Leanne Ford (supplier), 4 Apr 2026, 10:47". */
export function sentWords(update: Pick<KpiUpdate, "submittedBy" | "submittedByName" | "submittedAs" | "submittedAt">): string {
  const who = update.submittedByName ?? update.submittedBy;
  return `${who} (${update.submittedAs === "supplier" ? "supplier" : "council"}), ${formatDateTime(update.submittedAt)}`;
}

/** "Approved by Tom Brennan, 8 Jul 2026, 11:33"; undefined before review. */
export function reviewWords(update: Pick<KpiUpdate, "review">): string | undefined {
  const review = update.review;
  if (!review) return undefined;
  const who = review.reviewedByName ?? review.reviewedBy;
  return `${review.decision === "approve" ? "Approved" : "Rejected"} by ${who}, ${formatDateTime(review.reviewedAt)}`;
}

/**
 * The address of a link a person sent, if it is one a browser may safely open in a new tab
 * (http or https); anything else (javascript:, data:, a typo) is shown as text, not as a link.
 */
export function safeLink(address: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
