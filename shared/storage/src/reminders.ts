import type { ReminderRecord } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError, StorageError } from "./errors.js";
import type { TableStore } from "./store.js";

/**
 * Reminders of what is owed (docs/storage.md, "Reminders"): one row per owed item and UK day,
 * PartitionKey the contract id, RowKey `<kpi id>|<period>|<what>|<day>` (each part escaped with
 * tableKey), inserted if absent so that two requests at once store one. `sent` is false until the
 * bot sends it, so that a scheduler finds what to send with `sent eq false`.
 */
export const REMINDERS_TABLE = "Reminders";

const rowKeyOf = (r: Pick<ReminderRecord, "kpiId" | "period" | "what" | "day">) => [r.kpiId, r.period, r.what, r.day].map(tableKey).join("|");

function toEntity(reminder: ReminderRecord): PlainEntity {
  return {
    partitionKey: reminder.contractId,
    rowKey: rowKeyOf(reminder),
    id: reminder.id,
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
    contractId: entity.partitionKey,
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
   * key); then the one stored first, and `created` false.
   *
   * @example
   * const { reminder, created } = await reminders.add({ id, contractId, kpiId, period: "2026-03", what: "update", owedBy: "supplier", requestedBy: "tom.brennan", requestedAt, day: "2026-04-20" });
   */
  async add(reminder: ReminderRecord): Promise<{ reminder: ReminderRecord; created: boolean }> {
    const entity = toEntity(reminder);
    try {
      await this.store.create(REMINDERS_TABLE, entity, `The reminder of ${reminder.period} of KPI ${reminder.kpiId}`);
      return { reminder, created: true };
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
    }
    const stored = await this.store.get(REMINDERS_TABLE, entity.partitionKey, entity.rowKey);
    // Reminders are never deleted: a conflict with nothing there is storage breaking its word.
    if (!stored) throw new StorageError("damaged", `The reminder (${entity.partitionKey}, ${entity.rowKey}) was refused as already stored, and is not there.`);
    return { reminder: fromEntity(stored), created: false };
  }

  /**
   * Every reminder of these contracts, in one query of the table (page by page): the table is
   * read whole and kept to the contracts here, which costs less than a query per contract.
   */
  async ofContracts(contractIds: Iterable<string>): Promise<ReminderRecord[]> {
    const wanted = new Set(contractIds);
    if (wanted.size === 0) return [];
    const rows = await this.store.all(REMINDERS_TABLE);
    return rows.filter((row) => wanted.has(row.partitionKey)).map(fromEntity);
  }
}
