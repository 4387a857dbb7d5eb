// Who was invited to a year's campaign (DiversityInvitations): partition the year, one row per supplier.
import { odata } from "@azure/data-tables";
import { writeInTransactions } from "../chunks.js";
import { tableKey, type PlainEntity, type StoredEntity } from "../entity.js";
import { retryOnChange } from "../retry-on-change.js";
import type { BatchOperation, TableStore } from "../store.js";
import type { InvitationStorage } from "./diversity-storage.js";
import { optionalText } from "./json-text.js";
import type { InvitationRecord } from "./records.js";

export const INVITATIONS_TABLE = "DiversityInvitations";

function toEntity(record: InvitationRecord): PlainEntity {
  return {
    partitionKey: String(record.year),
    rowKey: tableKey(record.supplierId),
    year: record.year,
    supplierId: record.supplierId,
    supplierName: record.supplierName,
    contactName: record.contactName,
    contactEmail: record.contactEmail,
    invitedAt: record.invitedAt,
    linksIssuedAt: record.linksIssuedAt,
    answeredAt: record.answeredAt,
  };
}

function fromEntity(entity: StoredEntity): InvitationRecord {
  return {
    year: Number(entity.year),
    supplierId: String(entity.supplierId),
    supplierName: String(entity.supplierName),
    ...optionalText(entity, "contactName"),
    ...optionalText(entity, "contactEmail"),
    invitedAt: String(entity.invitedAt),
    ...optionalText(entity, "linksIssuedAt"),
    ...optionalText(entity, "answeredAt"),
  };
}

const whatOf = (year: number) => `The invitations to the ${year} diversity questionnaire`;

export function invitationStorage(store: TableStore): InvitationStorage {
  const rowsOf = async (year: number) => store.all(INVITATIONS_TABLE, odata`PartitionKey eq ${String(year)}`);

  return {
    async saveAll(invitations) {
      // One transaction holds one partition, and each row once: the last given for a supplier wins.
      const byYear = new Map<number, Map<string, InvitationRecord>>();
      for (const invitation of invitations) {
        const ofYear = byYear.get(invitation.year) ?? new Map<string, InvitationRecord>();
        ofYear.set(invitation.supplierId, invitation);
        byYear.set(invitation.year, ofYear);
      }
      for (const [year, ofYear] of byYear) {
        const operations: BatchOperation[] = [...ofYear.values()].map((invitation) => ({ kind: "upsert", entity: toEntity(invitation) }));
        await writeInTransactions(store, INVITATIONS_TABLE, String(year), operations, whatOf(year));
      }
    },

    async list(year) {
      return (await rowsOf(year)).map(fromEntity).sort((a, b) => a.supplierName.localeCompare(b.supplierName) || a.supplierId.localeCompare(b.supplierId));
    },

    async get(year, supplierId) {
      const entity = await store.get(INVITATIONS_TABLE, String(year), tableKey(supplierId));
      return entity ? fromEntity(entity) : undefined;
    },

    async markLinksIssued(year, supplierIds, at) {
      const wanted = new Set(supplierIds);
      if (wanted.size === 0) return;
      // Each row under the ETag read, so that an answer marked meanwhile is not written over; a
      // row that changed has the whole read again (rows already marked are marked again, alike).
      await retryOnChange(whatOf(year), async () => {
        const operations: BatchOperation[] = (await rowsOf(year))
          .filter((row) => wanted.has(String(row.supplierId)))
          .map(({ etag, ...row }) => ({ kind: "update", entity: { ...row, linksIssuedAt: at }, etag }));
        await writeInTransactions(store, INVITATIONS_TABLE, String(year), operations, whatOf(year));
      });
    },

    async markAnswered(year, supplierId, at) {
      await retryOnChange(whatOf(year), async () => {
        const row = await store.get(INVITATIONS_TABLE, String(year), tableKey(supplierId));
        // Not invited (a supplier contact who answered unasked), or answered before: the first answer's time stays.
        if (!row || typeof row.answeredAt === "string") return;
        const { etag, ...entity } = row;
        await store.replace(INVITATIONS_TABLE, { ...entity, answeredAt: at }, etag, whatOf(year));
      });
    },
  };
}
