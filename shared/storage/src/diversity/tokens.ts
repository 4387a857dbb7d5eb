// Form link tokens (DiversityTokens): one partition per token's SHA-256 hash; the token itself is never stored.
import { odata } from "@azure/data-tables";
import type { PlainEntity, StoredEntity } from "../entity.js";
import type { TableStore } from "../store.js";
import type { TokenStorage } from "./diversity-storage.js";
import type { FormTokenRecord } from "./records.js";

export const TOKENS_TABLE = "DiversityTokens";
const ROW = "token";
/** Rows are in partitions of their own, so written one request each: this many at once. */
const AT_ONCE = 20;

const SHA256_HEX = /^[0-9a-f]{64}$/;

function toEntity(record: FormTokenRecord): PlainEntity {
  // A token stored in the clear would let anyone who reads the table answer as the supplier.
  if (!SHA256_HEX.test(record.tokenHash)) throw new Error("Bug: a form token is stored by its SHA-256 hash (64 lower-case hex digits), never as itself.");
  return {
    partitionKey: record.tokenHash,
    rowKey: ROW,
    tokenHash: record.tokenHash,
    year: record.year,
    supplierId: record.supplierId,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
  };
}

function fromEntity(entity: StoredEntity): FormTokenRecord {
  return {
    tokenHash: String(entity.tokenHash),
    year: Number(entity.year),
    supplierId: String(entity.supplierId),
    issuedAt: String(entity.issuedAt),
    expiresAt: String(entity.expiresAt),
  };
}

async function inGroups<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += AT_ONCE) await Promise.all(items.slice(start, start + AT_ONCE).map(work));
}

export function tokenStorage(store: TableStore): TokenStorage {
  return {
    async saveAll(tokens) {
      // Created, not upserted: two tokens with one hash would be a broken random source.
      await inGroups(tokens, (token) => store.create(TOKENS_TABLE, toEntity(token), `A form link for the ${token.year} diversity questionnaire`));
    },

    async get(tokenHash) {
      // Anything else (an altered link) could never have been stored.
      if (!SHA256_HEX.test(tokenHash)) return undefined;
      const entity = await store.get(TOKENS_TABLE, tokenHash, ROW);
      return entity ? fromEntity(entity) : undefined;
    },

    async deleteOfYear(year) {
      const rows = await store.all(TOKENS_TABLE, odata`year eq ${year}`);
      await inGroups(rows, (row) => store.delete(TOKENS_TABLE, row.partitionKey, row.rowKey));
      return rows.length;
    },
  };
}
