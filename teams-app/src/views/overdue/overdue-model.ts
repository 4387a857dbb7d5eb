// What the overdue page says of each item owed: who owes it, what it is in words, for how long,
// what can be done about it, and which items the chosen filters keep.
import type { OwedItem } from "@toms/client";
import { formatDate } from "../../common/format.js";

export const OWED_BY_FILTERS = ["all", "supplier", "manager"] as const;
export type OwedByFilter = (typeof OWED_BY_FILTERS)[number];
export const WHAT_FILTERS = ["all", "update", "correction", "review"] as const;
export type WhatFilter = (typeof WHAT_FILTERS)[number];

export interface OwedFilters {
  owedBy: OwedByFilter;
  what: WhatFilter;
}

/** The filters of `?owedBy=supplier&what=update`; anything else shows everything. */
export function readFilters(params: URLSearchParams): OwedFilters {
  const owedBy = OWED_BY_FILTERS.find((f) => f === params.get("owedBy")) ?? "all";
  const what = WHAT_FILTERS.find((f) => f === params.get("what")) ?? "all";
  return { owedBy, what };
}

/** The address's search params for the filters, leaving out "all". */
export function writeFilters(filters: OwedFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.owedBy !== "all") params.set("owedBy", filters.owedBy);
  if (filters.what !== "all") params.set("what", filters.what);
  return params;
}

/** The items the filters keep, in the service's order (longest owed first). */
export function filterOwed<T extends Pick<OwedItem, "owedBy" | "what">>(items: readonly T[], filters: OwedFilters): T[] {
  return items.filter((i) => (filters.owedBy === "all" || i.owedBy === filters.owedBy) && (filters.what === "all" || i.what === filters.what));
}

/** How many items each choice of a filter would show, given the other filter. */
export function filterCounts(items: readonly Pick<OwedItem, "owedBy" | "what">[], filters: OwedFilters): { owedBy: Record<OwedByFilter, number>; what: Record<WhatFilter, number> } {
  const count = <K extends string>(choices: readonly K[], with_: (choice: K) => OwedFilters) => Object.fromEntries(choices.map((c) => [c, filterOwed(items, with_(c)).length])) as Record<K, number>;
  return { owedBy: count(OWED_BY_FILTERS, (owedBy) => ({ ...filters, owedBy })), what: count(WHAT_FILTERS, (what) => ({ ...filters, what })) };
}

const DAY_MS = 86_400_000;

/** Whole days from one date (YYYY-MM-DD) to another; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Whole calendar months from one date to a later one: 14 March to 13 May is 1, to 14 May 2. */
export function monthsBetween(from: string, to: string): number {
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
  return Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Days up to this many; months (then years) after, where a count of days no longer reads at a glance. */
export const DAYS_SHOWN_UP_TO = 89;

/**
 * How long an item has been owed, as a person says it: "today", "1 day", "12 days", "5 months",
 * "2 years and 4 months".
 */
export function owedFor(since: string, today: string): string {
  const days = daysBetween(since, today);
  if (days <= 0) return "today";
  if (days <= DAYS_SHOWN_UP_TO) return plural(days, "day");
  const months = monthsBetween(since, today);
  if (months < 24) return plural(months, "month");
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? plural(years, "year") : `${plural(years, "year")} and ${plural(rest, "month")}`;
}

/**
 * Who owes it: the supplier by name, "You" for the signed-in manager's own, else the contract
 * manager by name ("The contract manager" and their sign-in id when the register has no name).
 */
export function whoOwes(item: Pick<OwedItem, "owedBy" | "supplierName" | "managerId" | "managerName">, me: { userId: string }): string {
  if (item.owedBy === "supplier") return item.supplierName ?? "The supplier";
  if (item.managerId === me.userId) return "You";
  return item.managerName ?? `The contract manager (${item.managerId})`;
}

/** What is owed, in words. */
export function whatWords(item: Pick<OwedItem, "what">): string {
  if (item.what === "review") return "A review of the supplier's update";
  if (item.what === "correction") return "A corrected update (the last one was rejected)";
  return "An update";
}

/** What the "since" date is, for each kind of item. */
export function sinceWords(item: Pick<OwedItem, "what">): string {
  if (item.what === "review") return "Waiting since";
  if (item.what === "correction") return "Rejected on";
  return "Due on";
}

/**
 * What can be done from the list: a supplier can be reminded; what the manager owes is done on
 * the contract (review the update, or send it).
 */
export function actionOf(item: Pick<OwedItem, "owedBy" | "what">): { kind: "remind" } | { kind: "open"; label: string } {
  if (item.owedBy === "supplier") return { kind: "remind" };
  return { kind: "open", label: item.what === "review" ? "Review it on the contract" : "Send it on the contract" };
}

/** The item's key in the list: one owed item per KPI, period and kind. */
export function owedKey(item: Pick<OwedItem, "contractId" | "kpiId" | "period" | "what">): string {
  return `${item.contractId}|${item.kpiId}|${item.period}|${item.what}`;
}

/** What becomes of a reminder recorded here: the bot sends it in its next round of prompts. */
export const BOT_NOTE = "The bot will send it in Teams chat.";

/**
 * What the item says of its reminder: the one just recorded, the one already recorded today
 * (`replayed`), or the latest from the list. Empty when there is none.
 */
export function reminderWords(reminded: { at: string; by: string; byName?: string | undefined } | null, replayed = false): string {
  if (!reminded) return "";
  const who = reminded.byName ?? reminded.by;
  if (replayed) return `Reminder already recorded today by ${who}. ${BOT_NOTE}`;
  return `Reminder recorded ${formatDate(reminded.at)} by ${who}. ${BOT_NOTE}`;
}
