import { odata } from "@azure/data-tables";
import type { ReminderRecord } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError, StorageError } from "./errors.js";
import { retryOnChange } from "./retry-on-change.js";
import type { TableStore } from "./store.js";

/**
 * Reminders of what is owed (docs/storage.md, "Reminders"). Reminders holds one row per owed item
 * and UK day: PartitionKey the contract id, RowKey `<kpi id>|<period>|<what>|<day>` (each part
 * escaped with tableKey), inserted if absent so that two requests at once store one; `sent` is
 * false until the bot sends it, so that a scheduler finds what to send with `sent eq false`.
 * ReminderIndex keeps a copy of each item's latest reminder (partition "latest", RowKey
 * `<contract id>|<kpi id>|<period>|<what>`), written after the row and only over an older one:
 * the overdue list reads that one partition, whose size is the items reminded, not the days.
 */
export const REMINDERS_TABLE = "Reminders";
export const REMINDER_INDEX_TABLE = "ReminderIndex";
const LATEST = "latest";

const rowKeyOf = (r: Pick<ReminderRecord, "kpiId" | "period" | "what" | "day">) => [r.kpiId, r.period, r.what, r.day].map(tableKey).join("|");
const itemKeyOf = (r: Pick<ReminderRecord, "contractId" | "kpiId" | "period" | "what">) => [r.contractId, r.kpiId, r.period, r.what].map(tableKey).join("|");

/** The reminder's fields as properties of a row with these keys. */
function toEntity(reminder: ReminderRecord, partitionKey: string, rowKey: string): PlainEntity {
  return {
    partitionKey,
    rowKey,
    id: reminder.id,
    contractId: reminder.contractId,
    kpiId: reminder.kpiId,
    period: reminder.period,
    what: reminder.what,
    owedBy: reminder.owedBy,
    requestedBy: reminder.requestedBy,
    requestedByName: reminder.requestedByName,
    requestedAt: reminder.requestedAt,
    day: reminder.day,
    sentAt: reminder.sentAt,
    sent: reminder.sentAt !== undefined,
  };
}

function fromEntity(entity: StoredEntity): ReminderRecord {
  const text = (name: string) => String(entity[name]);
  return {
    id: text("id"),
    contractId: text("contractId"),
    kpiId: text("kpiId"),
    period: text("period"),
    what: text("what") as ReminderRecord["what"],
    owedBy: text("owedBy") as ReminderRecord["owedBy"],
    requestedBy: text("requestedBy"),
    ...(typeof entity.requestedByName === "string" ? { requestedByName: entity.requestedByName } : {}),
    requestedAt: text("requestedAt"),
    day: text("day"),
    ...(typeof entity.sentAt === "string" ? { sentAt: entity.sentAt } : {}),
  };
}

export class ReminderRepository {
  constructor(private readonly store: TableStore) {}

  /**
   * Stores the reminder unless its item was reminded that day already (insert-if-absent on its
   * key); then the one stored first, and `created` false. Either way the item's latest copy is
   * brought up to it, so a repeat also repairs a copy a failure left behind.
   *
   * @example
   * const { reminder, created } = await reminders.add({ id, contractId, kpiId, period: "2026-03", what: "update", owedBy: "supplier", requestedBy: "tom.brennan", requestedAt, day: "2026-04-20" });
   */
  async add(reminder: ReminderRecord): Promise<{ reminder: ReminderRecord; created: boolean }> {
    const entity = toEntity(reminder, reminder.contractId, rowKeyOf(reminder));
    let kept = reminder;
    let created = true;
    try {
      await this.store.create(REMINDERS_TABLE, entity, `The reminder of ${reminder.period} of KPI ${reminder.kpiId}`);
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      const stored = await this.store.get(REMINDERS_TABLE, entity.partitionKey, entity.rowKey);
      // Reminders are never deleted: a conflict with nothing there is storage breaking its word.
      if (!stored) throw new StorageError("damaged", `The reminder (${entity.partitionKey}, ${entity.rowKey}) was refused as already stored, and is not there.`);
      kept = fromEntity(stored);
      created = false;
    }
    await this.keepLatest(kept);
    return { reminder: kept, created };
  }

  /** Writes the item's latest copy unless one as new or newer is there (read, then replace with its ETag or create). */
  private async keepLatest(reminder: ReminderRecord): Promise<void> {
    const what = `The latest reminder of ${reminder.period} of KPI ${reminder.kpiId}`;
    // The copy says who asked and when; whether it was sent is the reminder's own row's (the bot
    // marks that one), so the copy never holds a stale answer to it.
    const { sentAt: _sentAt, ...asked } = reminder;
    const { sent: _sent, ...entity } = toEntity(asked, LATEST, itemKeyOf(reminder));
    await retryOnChange(what, async () => {
      const row = await this.store.get(REMINDER_INDEX_TABLE, LATEST, entity.rowKey);
      if (row && String(row.requestedAt) >= reminder.requestedAt) return;
      try {
        await (row ? this.store.replace(REMINDER_INDEX_TABLE, entity, row.etag, what) : this.store.create(REMINDER_INDEX_TABLE, entity, what));
      } catch (error) {
        // Another writer created it first: read it again, as for a changed ETag.
        if (isStorageError(error, "conflict")) throw new StorageError("precondition-failed", error.message, { cause: error });
        throw error;
      }
    });
  }

  /**
   * Every reminder not sent yet (`sent eq false`, across contracts): what the bot's pass sends.
   *
   * @example
   * const waiting = await reminders.unsent();
   */
  async unsent(): Promise<ReminderRecord[]> {
    return (await this.store.all(REMINDERS_TABLE, odata`sent eq ${false}`)).map(fromEntity);
  }

  /**
   * Marks the reminder sent at that time (its row replaced with its ETag; a change meanwhile is
   * read again). Already sent: left as it is.
   *
   * @example
   * await reminders.markSent(reminder, new Date().toISOString());
   */
  async markSent(reminder: ReminderRecord, sentAt: string): Promise<void> {
    const partitionKey = reminder.contractId;
    const rowKey = rowKeyOf(reminder);
    await retryOnChange(`The reminder of ${reminder.period} of KPI ${reminder.kpiId}`, async () => {
      const row = await this.store.get(REMINDERS_TABLE, partitionKey, rowKey);
      if (!row) throw new StorageError("not-found", `The reminder of ${reminder.period} of KPI ${reminder.kpiId} was not found.`);
      const stored = fromEntity(row);
      if (stored.sentAt !== undefined) return;
      await this.store.replace(REMINDERS_TABLE, toEntity({ ...stored, sentAt }, partitionKey, rowKey), row.etag, `The reminder of ${reminder.period} of KPI ${reminder.kpiId}`);
    });
  }

  /**
   * The latest reminder of each item reminded on these contracts: one query of ReminderIndex's
   * partition (page by page), kept to the contracts given.
   */
  async latestOf(contractIds: Iterable<string>): Promise<ReminderRecord[]> {
    const wanted = new Set(contractIds);
    if (wanted.size === 0) return [];
    const rows = await this.store.all(REMINDER_INDEX_TABLE, odata`PartitionKey eq ${LATEST}`);
    return rows.map(fromEntity).filter((r) => wanted.has(r.contractId));
  }
}
