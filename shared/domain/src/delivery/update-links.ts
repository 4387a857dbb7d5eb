// Signed update links (docs/suppliers.md, "The signed link"): what a link covers, when it stops
// working, and how each item it covers stands. Pure rules; the token itself is never held here.
import type { ContractRecord } from "../register/contract.js";
import type { SupplierContact } from "../register/supplier.js";
import type { DeliveryDigest, KpiDirection, KpiRecord, KpiReview, KpiUpdateRecord, PeriodStatus } from "./model.js";
import { askedBeforeDue } from "../prompts/prompts-of.js";
import { promptKpi } from "../prompts/prompt-kpi.js";
import { periodStatus } from "./owed.js";
import { parsePeriod, periodInfo, periodLabel } from "./periods.js";
import { deliveryCounts } from "./status.js";
import { updateViews } from "./updates.js";

/** One KPI period (or commitment period) a link lets its holder report. */
export interface UpdateLinkItem {
  kpiId: string;
  period: string;
}

/** A link as stored: by the SHA-256 hex of its token, never the token. */
export interface UpdateLinkRecord {
  id: string;
  tokenHash: string;
  contractId: string;
  supplierId: string;
  contactId: string;
  /** The contact's e-mail address when the link was issued: a later change of address ends the link. */
  address: string;
  items: UpdateLinkItem[];
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  /** When a fresh link was sent for this expired one (once per link). */
  renewedAt?: string;
  /** The dispatch (prompt) whose mail carried the link, if any. */
  dispatchId?: string;
}

/** How a link stands, as the tab lists it. */
export const UPDATE_LINK_STATES = ["active", "expired", "revoked", "answered"] as const;
export type UpdateLinkState = (typeof UPDATE_LINK_STATES)[number];

/** Why a link does not open (for the log only: its holder reads one text whatever the reason). */
export type UpdateLinkProblem = "unknown" | "expired" | "revoked" | "contact-removed" | "address-changed";

/** How one item of a link stands now, in the supplier's terms. */
export const LINK_ITEM_STATES = ["owed", "correction", "awaiting-review", "accepted"] as const;
export type LinkItemState = (typeof LINK_ITEM_STATES)[number];

/** Days a link works unless configured (TOMS_UPDATE_LINK_DAYS). */
export const DEFAULT_UPDATE_LINK_DAYS = 30;

/**
 * Why a stored link does not work at `now` for the contact as stored today, or undefined when it
 * works. An address changed since the link was sent means the link may be in someone else's inbox.
 */
export function updateLinkProblem(link: UpdateLinkRecord | undefined, contact: SupplierContact | undefined, now: Date): UpdateLinkProblem | undefined {
  if (!link) return "unknown";
  if (link.revokedAt) return "revoked";
  if (!contact || contact.supplierId !== link.supplierId) return "contact-removed";
  if (contact.email.trim().toLowerCase() !== link.address.trim().toLowerCase()) return "address-changed";
  if (now.toISOString() >= link.expiresAt) return "expired";
  return undefined;
}

/**
 * What the contract's supplier owes now, as the bot asks for it: updates of the KPIs and
 * commitments the supplier reports that are late, due, or ended and not yet due, and corrections
 * of rejected updates. Each KPI period once, oldest first.
 */
export function supplierOwedItems(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): UpdateLinkItem[] {
  const { owed } = deliveryCounts(contract, digest, today, dueDays);
  const items: UpdateLinkItem[] = [];
  for (const item of [...owed, ...askedBeforeDue(contract, digest, today, dueDays)]) {
    if (item.owedBy !== "supplier" || (item.what !== "update" && item.what !== "correction")) continue;
    if (!items.some((i) => i.kpiId === item.kpiId && i.period === item.period)) items.push({ kpiId: item.kpiId, period: item.period });
  }
  return items;
}

/** An item's state from its period's status: only "owed" and "correction" take an answer. */
export function linkItemState(status: PeriodStatus): LinkItemState {
  if (status === "accepted") return "accepted";
  if (status === "awaiting-review") return "awaiting-review";
  if (status === "rejected") return "correction";
  return "owed";
}

/** Whether an item still takes an answer through the link. */
export function isAnswerable(state: LinkItemState): boolean {
  return state === "owed" || state === "correction";
}

/** A link's state for the tab: revoked, expired, answered (nothing left to answer), else active. */
export function updateLinkState(link: UpdateLinkRecord, itemStates: readonly LinkItemState[], now: Date): UpdateLinkState {
  if (link.revokedAt) return "revoked";
  if (now.toISOString() >= link.expiresAt) return "expired";
  return itemStates.some(isAnswerable) ? "active" : "answered";
}

/** What the link's page shows of one item. */
export interface LinkItemView extends UpdateLinkItem {
  /** "March 2026", "Q1 2026 (January to March)" as periodLabel writes it. */
  periodLabel: string;
  kind: KpiRecord["kind"];
  title: string;
  unit: string;
  direction: KpiDirection;
  target: number;
  /** The day its update is due (YYYY-MM-DD). */
  due: string;
  state: LinkItemState;
  /** The latest value accepted or waiting for an earlier period. */
  lastValue?: { value: number; period: string };
  /** The latest value sent for this period (waiting for review, accepted or rejected). */
  sent?: { value: number; at: string };
  /** Why the manager rejected the latest update, when a correction is asked for. */
  reason?: string;
}

/**
 * How each item a link covers stands today, from the contract's KPIs, updates and reviews. An item
 * whose KPI is gone (deleted since) or whose period is not a period is left out.
 */
export function linkItemViews(items: readonly UpdateLinkItem[], records: { kpis: readonly KpiRecord[]; updates: readonly KpiUpdateRecord[]; reviews: readonly KpiReview[] }, today: string, dueDays: number): LinkItemView[] {
  return items.flatMap((item): LinkItemView[] => {
    const kpi = records.kpis.find((k) => k.id === item.kpiId);
    if (!kpi || !parsePeriod(item.period)) return [];
    const info = periodInfo(item.period, dueDays);
    const shown = promptKpi(kpi, item.period, records.updates, records.reviews);
    const views = updateViews(records.updates.filter((u) => u.kpiId === kpi.id && u.period === item.period), records.reviews);
    const latest = views[views.length - 1];
    const state = linkItemState(periodStatus(info, latest?.status, today));
    return [
      {
        ...item,
        periodLabel: periodLabel(item.period),
        kind: kpi.kind,
        title: kpi.title,
        unit: kpi.unit,
        direction: kpi.direction,
        target: shown.target,
        due: info.due,
        state,
        ...(shown.lastValue ? { lastValue: shown.lastValue } : {}),
        ...(latest ? { sent: { value: latest.value, at: latest.submittedAt } } : {}),
        ...(state === "correction" && latest?.review?.reason ? { reason: latest.review.reason } : {}),
      },
    ];
  });
}
