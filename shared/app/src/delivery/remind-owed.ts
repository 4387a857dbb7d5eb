// Ask that whoever owes an update, a correction or a review on a KPI's period be reminded: once
// per item and UK day, however often it is asked (the bot sends the reminders).
import { deliveryCounts, deliveryDigest, reminderKey, reminderTarget, ukDate, type Principal, type ReminderInput, type ReminderRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { conflict, fieldErrorsText, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { stableId } from "../stable-id.js";
import { managedContract } from "./delivery-access.js";

export interface RemindedOwed {
  reminder: ReminderRecord;
  /** The item had been reminded of that UK day already: this is that reminder, and nothing new was stored. */
  replayed: boolean;
}

/**
 * Records a reminder of an item the contract owes today (as the overdue list shows it), for
 * procurement officers and the contract's manager. The same item asked for again the same UK
 * day, by anyone, answers the reminder stored first (`replayed`). An item not owed now is a
 * conflict naming `period` (or `what`, when the period owes something else); a KPI or period not
 * the contract's is unprocessable, naming `kpiId` or `period`. A supplier's contact is forbidden.
 *
 * @example
 * const outcome = await remindOwed(deps, manager, contractId, { kpiId, period: "2026-03", what: "update" });
 * if (outcome.ok) console.log(outcome.value.reminder.owedBy, outcome.value.replayed);
 */
export async function remindOwed(deps: AppDeps, caller: Principal, contractId: string, input: ReminderInput): Promise<Outcome<RemindedOwed>> {
  const managed = await managedContract(deps, caller, contractId, "ask for reminders of what is owed on it");
  if (!managed.ok) return managed;
  const { etag: _etag, ...contract } = managed.contract;
  // The partition's own summary (one point read): never behind the digest the overdue list reads.
  const stored = await deps.storage.delivery.summary(contract.id);
  const digest = stored ? deliveryDigest(stored.summary) : undefined;
  const at = deps.now();
  const day = ukDate(at);
  const { owed } = deliveryCounts(contract, digest, day, deps.delivery.dueDays);
  const target = reminderTarget(contract, digest?.kpis ?? [], owed, input);
  if (!target.ok) return target.kind === "conflict" ? conflict(fieldErrorsText([target.error], "The reminder"), [target.error]) : unprocessable([target.error], "The reminder");
  const item = { kpiId: target.owed.kpiId, period: target.owed.period, what: target.owed.what, day };
  const reminder: ReminderRecord = {
    id: stableId(`toms-delivery:reminder:${contract.id}:${reminderKey(item)}`),
    contractId: contract.id,
    ...item,
    owedBy: target.owed.owedBy,
    requestedBy: caller.userId,
    ...(caller.name ? { requestedByName: caller.name } : {}),
    requestedAt: at.toISOString(),
  };
  const { reminder: kept, created } = await deps.storage.reminders.add(reminder);
  return succeeded({ reminder: kept, replayed: !created });
}
