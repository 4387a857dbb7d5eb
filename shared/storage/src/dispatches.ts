import { odata } from "@azure/data-tables";
import type { DispatchRecord, DispatchState, Prompt, PromptChannel } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError, StorageError } from "./errors.js";
import type { TableStore } from "./store.js";

/**
 * The bot's sends (docs/storage.md, "Dispatches"): one row per prompt ever claimed, PartitionKey
 * tableKey(contractId), RowKey tableKey(dispatch key); the prompt is stored as JSON text, the
 * rest as properties. A claim is an insert (two passes at once: one wins, storage decides);
 * every later change is a replace guarded by the ETag read, so a lost race is precondition-failed.
 */
export const DISPATCHES_TABLE = "Dispatches";

function toEntity(record: DispatchRecord): PlainEntity {
  return {
    partitionKey: tableKey(record.prompt.contractId),
    rowKey: tableKey(record.key),
    key: record.key,
    id: record.id,
    prompt: JSON.stringify(record.prompt),
    state: record.state,
    owner: record.owner,
    leaseUntil: record.leaseUntil,
    claimedAt: record.claimedAt,
    attempts: record.attempts,
    nextAttemptAt: record.nextAttemptAt,
    sentAt: record.sentAt,
    activityId: record.activityId,
    error: record.error,
    finishedAt: record.finishedAt,
    channel: record.channel,
    address: record.address,
    bouncedAt: record.bouncedAt,
    addressFailed: record.addressFailed === true ? true : undefined,
  };
}

function fromEntity(entity: StoredEntity): DispatchRecord & { etag: string } {
  const optional = (name: "nextAttemptAt" | "sentAt" | "activityId" | "error" | "finishedAt" | "address" | "bouncedAt") => (typeof entity[name] === "string" ? { [name]: entity[name] as string } : {});
  return {
    key: String(entity.key),
    id: String(entity.id),
    prompt: JSON.parse(String(entity.prompt)) as Prompt,
    state: String(entity.state) as DispatchState,
    owner: String(entity.owner),
    leaseUntil: String(entity.leaseUntil),
    claimedAt: String(entity.claimedAt),
    attempts: Number(entity.attempts),
    ...optional("nextAttemptAt"),
    ...optional("sentAt"),
    ...optional("activityId"),
    ...optional("error"),
    ...optional("finishedAt"),
    ...(entity.channel === "teams" || entity.channel === "email" ? { channel: entity.channel as PromptChannel } : {}),
    ...optional("address"),
    ...optional("bouncedAt"),
    ...(entity.addressFailed === true ? { addressFailed: true } : {}),
    etag: entity.etag,
  };
}

const whatOf = (record: DispatchRecord) => `The ${record.prompt.kind} prompt of contract ${record.prompt.contractReference}`;

export type ClaimResult = { created: true; record: DispatchRecord & { etag: string } } | { created: false; existing: DispatchRecord & { etag: string } };

export class DispatchRepository {
  constructor(private readonly store: TableStore) {}

  /** Every dispatch of the contract, with its ETag (one query of its partition). */
  async ofContract(contractId: string): Promise<(DispatchRecord & { etag: string })[]> {
    return (await this.store.all(DISPATCHES_TABLE, odata`PartitionKey eq ${tableKey(contractId)}`)).map(fromEntity);
  }

  /** The stored dispatch of that contract and key, with its ETag. */
  async get(contractId: string, key: string): Promise<(DispatchRecord & { etag: string }) | undefined> {
    const entity = await this.store.get(DISPATCHES_TABLE, tableKey(contractId), tableKey(key));
    return entity ? fromEntity(entity) : undefined;
  }

  /**
   * Claims the prompt: inserts its row unless one with its key is there; then that one, as stored.
   *
   * @example
   * const claim = await dispatches.claim({ key, id, prompt, state: "claimed", owner: "i-1", leaseUntil, claimedAt: at, attempts: 0 });
   * if (!claim.created) console.log(claim.existing.state);
   */
  async claim(record: DispatchRecord): Promise<ClaimResult> {
    const { etag: _etag, ...fresh } = record;
    const entity = toEntity(fresh);
    try {
      const etag = await this.store.create(DISPATCHES_TABLE, entity, whatOf(record));
      return { created: true, record: { ...fresh, etag } };
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      const stored = await this.store.get(DISPATCHES_TABLE, entity.partitionKey, entity.rowKey);
      // Dispatches are never deleted: a conflict with nothing there is storage breaking its word.
      if (!stored) throw new StorageError("damaged", `The dispatch (${entity.partitionKey}, ${entity.rowKey}) was refused as already stored, and is not there.`);
      return { created: false, existing: fromEntity(stored) };
    }
  }

  /**
   * Replaces the stored dispatch if `etag` is still its ETag; otherwise precondition-failed and
   * nothing changes. Returns the new ETag.
   */
  async replace(record: DispatchRecord, etag: string): Promise<string> {
    const { etag: _etag, ...next } = record;
    return this.store.replace(DISPATCHES_TABLE, toEntity(next), etag, whatOf(record));
  }

  /**
   * The dispatch with this id, when its contract is not known (a bounce that kept only the
   * Message-ID): a scan of the table, for the rare bounce, never for a pass.
   */
  async byId(id: string): Promise<(DispatchRecord & { etag: string }) | undefined> {
    const [entity] = await this.store.all(DISPATCHES_TABLE, odata`id eq ${id}`);
    return entity ? fromEntity(entity) : undefined;
  }

  /** Every dispatch of these contracts (one query per contract, at once). */
  async ofContracts(contractIds: Iterable<string>): Promise<(DispatchRecord & { etag: string })[]> {
    return (await Promise.all([...new Set(contractIds)].map((id) => this.ofContract(id)))).flat();
  }
}
