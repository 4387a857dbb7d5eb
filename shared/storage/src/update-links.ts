import { odata } from "@azure/data-tables";
import type { UpdateLinkItem, UpdateLinkRecord } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import type { TableStore } from "./store.js";
import type { Versioned } from "./suppliers.js";

/**
 * Signed update links (docs/storage.md, "Update links"). A link is one row in its contract's
 * partition (PartitionKey tableKey(contractId), RowKey "link:<id>"), so a contract's links are one
 * partition query and a revocation or renewal is one replace under the row's ETag. Its token is
 * found by a pointer row (PartitionKey "token-<SHA-256 hex of the token>", RowKey "token") naming
 * the contract and link: two point reads, no scan. The token itself is never stored. The pointer
 * is written first and the link row last, so a link half-written opens nothing.
 */
export const UPDATE_LINKS_TABLE = "UpdateLinks";

const LINK = "link:";
const POINTER_ROW = "token";
const SHA256_HEX = /^[0-9a-f]{64}$/;
const pointerPartition = (tokenHash: string) => `token-${tokenHash}`;

function toEntity(record: UpdateLinkRecord): PlainEntity {
  return {
    partitionKey: tableKey(record.contractId),
    rowKey: `${LINK}${record.id}`,
    id: record.id,
    tokenHash: record.tokenHash,
    contractId: record.contractId,
    supplierId: record.supplierId,
    contactId: record.contactId,
    address: record.address,
    items: JSON.stringify(record.items),
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    revokedBy: record.revokedBy,
    renewedAt: record.renewedAt,
    dispatchId: record.dispatchId,
  };
}

function fromEntity(entity: StoredEntity): Versioned<UpdateLinkRecord> {
  const optional = (name: "revokedAt" | "revokedBy" | "renewedAt" | "dispatchId") => (typeof entity[name] === "string" ? { [name]: entity[name] as string } : {});
  return {
    id: String(entity.id),
    tokenHash: String(entity.tokenHash),
    contractId: String(entity.contractId),
    supplierId: String(entity.supplierId),
    contactId: String(entity.contactId),
    address: String(entity.address),
    items: JSON.parse(String(entity.items)) as UpdateLinkItem[],
    issuedAt: String(entity.issuedAt),
    expiresAt: String(entity.expiresAt),
    ...optional("revokedAt"),
    ...optional("revokedBy"),
    ...optional("renewedAt"),
    ...optional("dispatchId"),
    etag: entity.etag,
  };
}

export class UpdateLinkRepository {
  constructor(private readonly store: TableStore) {}

  /** Stores a new link: its token's pointer, then the link. Created, never upserted: a second link with one hash would be a broken random source. */
  async create(record: UpdateLinkRecord): Promise<Versioned<UpdateLinkRecord>> {
    // A token stored in the clear would let anyone who reads the table answer as the supplier.
    if (!SHA256_HEX.test(record.tokenHash)) throw new Error("Bug: an update link is stored by its token's SHA-256 hash (64 lower-case hex digits), never by the token.");
    const what = "An update link";
    await this.store.create(UPDATE_LINKS_TABLE, { partitionKey: pointerPartition(record.tokenHash), rowKey: POINTER_ROW, contractId: record.contractId, linkId: record.id }, what);
    const etag = await this.store.create(UPDATE_LINKS_TABLE, toEntity(record), what);
    return { ...record, etag };
  }

  /** The link whose token has this hash, if it was stored whole. */
  async byTokenHash(tokenHash: string): Promise<Versioned<UpdateLinkRecord> | undefined> {
    if (!SHA256_HEX.test(tokenHash)) return undefined;
    const pointer = await this.store.get(UPDATE_LINKS_TABLE, pointerPartition(tokenHash), POINTER_ROW);
    if (!pointer) return undefined;
    const link = await this.get(String(pointer.contractId), String(pointer.linkId));
    // A pointer names its link's hash: anything else is not this token's link.
    return link?.tokenHash === tokenHash ? link : undefined;
  }

  /** One link of the contract. */
  async get(contractId: string, linkId: string): Promise<Versioned<UpdateLinkRecord> | undefined> {
    const entity = await this.store.get(UPDATE_LINKS_TABLE, tableKey(contractId), `${LINK}${linkId}`);
    return entity ? fromEntity(entity) : undefined;
  }

  /** Every link of the contract, newest first (one partition query). */
  async ofContract(contractId: string): Promise<Versioned<UpdateLinkRecord>[]> {
    const rows = await this.store.all(UPDATE_LINKS_TABLE, odata`PartitionKey eq ${tableKey(contractId)}`);
    return rows.map(fromEntity).sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : 0));
  }

  /** Replaces the link if `etag` is still its ETag (otherwise precondition-failed). Returns the new ETag. */
  async replace(record: UpdateLinkRecord, etag: string): Promise<string> {
    return this.store.replace(UPDATE_LINKS_TABLE, toEntity(record), etag, "The update link");
  }
}
