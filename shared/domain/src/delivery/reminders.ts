// Reminders of what is owed (docs/delivery.md, "Reminders"): a contract manager asks that whoever
// owes an update, a correction or a review on a KPI's period be reminded; the bot sends it later.
// An item is reminded at most once a UK day, whoever asks.
import { z } from "zod";
import type { FieldError } from "../field-error.js";
import type { ContractRecord } from "../register/contract.js";
import type { KpiFrequency, OwedUpdate } from "./model.js";
import { periodError, periodLabel } from "./periods.js";

/** What can be owed on a KPI's period, and so reminded of. */
export const OWED_WHATS = ["update", "correction", "review"] as const satisfies readonly OwedUpdate["what"][];

/** A reminder asked for: one row per item and UK day (docs/storage.md, "Reminders"). */
export interface ReminderRecord {
  id: string;
  contractId: string;
  kpiId: string;
  period: string;
  what: OwedUpdate["what"];
  /** Who owed it when the reminder was asked for: the supplier's contacts, or the contract manager. */
  owedBy: OwedUpdate["owedBy"];
  requestedBy: string;
  requestedByName?: string;
  /** When it was asked for (ISO). */
  requestedAt: string;
  /** The UK day it was asked for (YYYY-MM-DD): an item is reminded once a day. */
  day: string;
  /** When the bot sent it; absent until then. */
  sentAt?: string;
}

export const reminderInputSchema = z
  .object({
    kpiId: z.string({ error: "is required: name the KPI whose period is owed" }).trim().min(1, "is required: name the KPI whose period is owed").max(200, "must be at most 200 characters"),
    period: z.string({ error: "is required: name the period owed, e.g. 2026-03" }).trim().min(1, "is required: name the period owed, e.g. 2026-03").max(20, "must be a period such as 2026-03, 2026-Q1 or 2026"),
    what: z.enum(OWED_WHATS, { error: "must be update, correction or review" }),
  })
  .strict();
export type ReminderInput = z.output<typeof reminderInputSchema>;

/**
 * The item and day a reminder is for, as one key: the same item asked for twice on one UK day has
 * the same key, so it is stored once.
 */
export function reminderKey(reminder: { kpiId: string; period: string; what: OwedUpdate["what"]; day: string }): string {
  return `${reminder.kpiId}|${reminder.period}|${reminder.what}|${reminder.day}`;
}

/** An owed item's key, without the day: what a reminder is about. */
export function owedItemKey(item: { contractId: string; kpiId: string; period: string; what: OwedUpdate["what"] }): string {
  return `${item.contractId}|${item.kpiId}|${item.period}|${item.what}`;
}

const OWED_WORDS: Record<OwedUpdate["what"], string> = { update: "an update", correction: "a correction", review: "a review" };
const OWED_BY_WORDS: Record<OwedUpdate["owedBy"], string> = { supplier: "the supplier", manager: "the contract manager" };

/** Why an item cannot be reminded of: the request names something else (unprocessable), or it is not owed now (conflict). */
export interface ReminderRefusal {
  kind: "unprocessable" | "conflict";
  error: FieldError;
}

/**
 * The owed item a reminder is for, or why there is none: the KPI must be the contract's, the
 * period one of its periods, and the item among what the contract owes today (`owed`, as the
 * overdue list gives it).
 */
export function reminderTarget(
  contract: Pick<ContractRecord, "reference" | "startDate" | "endDate">,
  kpis: readonly { id: string; title: string; frequency: KpiFrequency }[],
  owed: readonly OwedUpdate[],
  input: ReminderInput,
): { ok: true; owed: OwedUpdate } | ({ ok: false } & ReminderRefusal) {
  const kpi = kpis.find((k) => k.id === input.kpiId);
  if (!kpi) return { ok: false, kind: "unprocessable", error: { field: "kpiId", message: `is not a KPI of contract ${contract.reference}: choose one from its list of KPIs` } };
  const wrongPeriod = periodError(contract, kpi.frequency, input.period);
  if (wrongPeriod) return { ok: false, kind: "unprocessable", error: wrongPeriod };
  const ofPeriod = owed.filter((o) => o.kpiId === kpi.id && o.period === input.period);
  const item = ofPeriod.find((o) => o.what === input.what);
  if (item) return { ok: true, owed: item };
  const other = ofPeriod[0];
  if (other) {
    return { ok: false, kind: "conflict", error: { field: "what", message: `must be ${other.what}: for ${periodLabel(input.period)} of "${kpi.title}", ${OWED_BY_WORDS[other.owedBy]} owes ${OWED_WORDS[other.what]}, not ${OWED_WORDS[input.what]}` } };
  }
  return { ok: false, kind: "conflict", error: { field: "period", message: `${periodLabel(input.period)} of "${kpi.title}" is owed by nobody just now: its update is in, or it is not due yet, so there is nobody to remind` } };
}

/** The latest reminder of each owed item (any day), by owedItemKey. */
export function latestReminders(reminders: Iterable<ReminderRecord>): Map<string, ReminderRecord> {
  const latest = new Map<string, ReminderRecord>();
  for (const reminder of reminders) {
    const key = owedItemKey(reminder);
    const known = latest.get(key);
    if (!known || known.requestedAt < reminder.requestedAt) latest.set(key, reminder);
  }
  return latest;
}
