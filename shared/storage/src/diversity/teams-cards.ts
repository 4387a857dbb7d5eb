// The year's invitation cards to suppliers' Teams chats (DiversityTeamsCards): partition the year, one row per supplier and contact, claimed by insert before a card is sent.
import { odata } from "@azure/data-tables";
import { isStorageError } from "../errors.js";
import { tableKey, type PlainEntity, type StoredEntity } from "../entity.js";
import type { TableStore } from "../store.js";
import type { TeamsCardStorage, WithEtag } from "./diversity-storage.js";
import { optionalText } from "./json-text.js";
import type { TeamsCardRecord, TeamsCardState } from "./records.js";

export const TEAMS_CARDS_TABLE = "DiversityTeamsCards";

const STATES: readonly TeamsCardState[] = ["claimed", "sent", "failed"];

/** An Entra object id is a GUID, with no `|`: so the key splits back one way only. */
export function teamsCardKey(supplierId: string, userId: string): string {
  return tableKey(`${supplierId}|${userId}`);
}

function toEntity(record: TeamsCardRecord): PlainEntity {
  return {
    partitionKey: String(record.year),
    rowKey: teamsCardKey(record.supplierId, record.userId),
    year: record.year,
    supplierId: record.supplierId,
    userId: record.userId,
    tenantId: record.tenantId,
    state: record.state,
    claimedAt: record.claimedAt,
    sentAt: record.sentAt,
    error: record.error,
    attempts: record.attempts,
  };
}

function fromEntity(entity: StoredEntity): WithEtag<TeamsCardRecord> {
  const state = STATES.find((s) => s === entity.state);
  // Any other value is not one this code wrote; read as claimed, it is never sent again.
  return {
    year: Number(entity.year),
    supplierId: String(entity.supplierId),
    userId: String(entity.userId),
    tenantId: String(entity.tenantId),
    state: state ?? "claimed",
    claimedAt: String(entity.claimedAt),
    ...optionalText(entity, "sentAt"),
    ...optionalText(entity, "error"),
    attempts: Number(entity.attempts),
    etag: entity.etag,
  };
}

/** Strips an ETag a caller may have left on the record, so it is not stored as a property. */
function plain(record: TeamsCardRecord): TeamsCardRecord {
  const { etag: _etag, ...rest } = record as WithEtag<TeamsCardRecord>;
  return rest;
}

const whatOf = (record: TeamsCardRecord) => `The ${record.year} diversity card to a Teams chat of supplier ${record.supplierId}`;

export function teamsCardStorage(store: TableStore): TeamsCardStorage {
  return {
    async claim(record) {
      const fresh = plain(record);
      // Nothing deletes these rows, so a refused insert finds the row that refused it; the second
      // try covers only a row deleted by hand in between.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const etag = await store.create(TEAMS_CARDS_TABLE, toEntity(fresh), whatOf(fresh));
          return { claimed: true, card: { ...fresh, etag } };
        } catch (error) {
          if (!isStorageError(error, "conflict")) throw error;
        }
        const existing = await store.get(TEAMS_CARDS_TABLE, String(fresh.year), teamsCardKey(fresh.supplierId, fresh.userId));
        if (existing) return { claimed: false, card: fromEntity(existing) };
      }
      throw new Error(`${whatOf(fresh)} was claimed and deleted while it was being claimed. Run the invitations again.`);
    },

    async replace(record, etag) {
      return store.replace(TEAMS_CARDS_TABLE, toEntity(plain(record)), etag, whatOf(record));
    },

    async list(year) {
      return (await store.all(TEAMS_CARDS_TABLE, odata`PartitionKey eq ${String(year)}`)).map(fromEntity);
    },
  };
}
