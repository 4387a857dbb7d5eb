// The audit log of diversity data (DiversityAudit): partition the month of `at`, RowKey `${at}-${id}`
// so a month lists in time order; written once, never changed or deleted.
import { odata } from "@azure/data-tables";
import { tableKey, type PlainEntity, type StoredEntity } from "../entity.js";
import type { TableStore } from "../store.js";
import type { AuditStorage } from "./diversity-storage.js";
import { jsonProperties, optionalText, readJson } from "./json-text.js";
import type { AuditAction, AuditEntry } from "./records.js";

export const AUDIT_TABLE = "DiversityAudit";

/** Beyond this many months, a bounded list reads the whole table once instead of month by month. */
const MAX_MONTH_QUERIES = 36;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;
const MONTH = /^(\d{4})-(\d{2})/;
/** Sorts after every character of an ISO time: `to` of a day, or a month, takes in all of it. */
const AFTER_ISO = "~";

function toEntity(entry: AuditEntry): PlainEntity {
  if (!ISO_TIME.test(entry.at)) throw new Error(`Bug: an audit entry's time is an ISO time (2026-12-03T09:00:00.000Z), not "${entry.at}".`);
  return {
    partitionKey: entry.at.slice(0, 7),
    rowKey: `${entry.at}-${tableKey(entry.id)}`,
    id: entry.id,
    at: entry.at,
    actor: entry.actor,
    actorName: entry.actorName,
    action: entry.action,
    ...jsonProperties("supplierIds", entry.supplierIds),
    purpose: entry.purpose,
    year: entry.year,
    detail: entry.detail,
  };
}

function fromEntity(entity: StoredEntity): AuditEntry {
  return {
    id: String(entity.id),
    at: String(entity.at),
    actor: String(entity.actor),
    actorName: String(entity.actorName),
    action: String(entity.action) as AuditAction,
    supplierIds: readJson<string[]>(entity, "supplierIds", AUDIT_TABLE),
    purpose: String(entity.purpose),
    ...(typeof entity.year === "number" ? { year: entity.year } : {}),
    ...optionalText(entity, "detail"),
  };
}

/** The months "YYYY-MM" from the month of `from` to that of `to`; undefined when not few or not readable. */
function monthsBetween(from: string, to: string): string[] | undefined {
  const start = MONTH.exec(from);
  const end = MONTH.exec(to);
  if (!start || !end) return undefined;
  const months: string[] = [];
  for (let index = Number(start[1]) * 12 + Number(start[2]) - 1; index <= Number(end[1]) * 12 + Number(end[2]) - 1; index++) {
    if (months.length >= MAX_MONTH_QUERIES) return undefined;
    months.push(`${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

const byTime = (a: AuditEntry, b: AuditEntry) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

export function auditStorage(store: TableStore): AuditStorage {
  return {
    async record(entry) {
      // Created, never upserted: an entry once written is not written over.
      await store.create(AUDIT_TABLE, toEntity(entry), `The audit entry ${entry.id}`);
    },

    async list(options = {}) {
      const { from, to } = options;
      const bounds = [from === undefined ? undefined : odata`at ge ${from}`, to === undefined ? undefined : odata`at lt ${to + AFTER_ISO}`].filter((bound) => bound !== undefined);
      const months = from !== undefined && to !== undefined ? monthsBetween(from, to) : undefined;
      const rows = months
        ? (await Promise.all(months.map((month) => store.all(AUDIT_TABLE, [odata`PartitionKey eq ${month}`, ...bounds].join(" and "))))).flat()
        : await store.all(AUDIT_TABLE, bounds.length > 0 ? bounds.join(" and ") : undefined);
      return rows.map(fromEntity).sort(byTime);
    },
  };
}
