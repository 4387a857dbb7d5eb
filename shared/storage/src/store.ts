import { TableClient, TableServiceClient, type TableEntityResult, type TransactionAction } from "@azure/data-tables";
import type { TokenCredential } from "@azure/identity";
import { assertWithinLimits, isTableKey, MAX_BATCH_BYTES, MAX_BATCH_OPERATIONS, entityBytes, type PlainEntity, type PropertyValue, type StoredEntity } from "./entity.js";
import { StorageError, statusOf } from "./errors.js";
import type { Journal, JournalOperation } from "./journal.js";

/** Where the tables live: a connection string (Azure or Azurite) or an account URL with a credential. */
export type StorageTarget =
  | { connectionString: string }
  | { accountUrl: string; credential: TokenCredential };

// Above this, a write goes as a one-row transaction (asTransaction).
const LARGE_ENTITY_BYTES = 32 * 1024;

// Transient failures (timeouts, 408, 429, 5xx) are retried by the SDK's exponential policy.
// Plain HTTP only for a connection string that names it (Azurite); never with a credential.
const retryOptions = { maxRetries: 5, retryDelayInMs: 200, maxRetryDelayInMs: 5_000 };
const insecureFor = (target: StorageTarget) => "connectionString" in target && /TableEndpoint=http:|DefaultEndpointsProtocol=http;/i.test(target.connectionString);

export type BatchOperation =
  | { kind: "create"; entity: PlainEntity }
  | { kind: "upsert"; entity: PlainEntity }
  | { kind: "update"; entity: PlainEntity; etag: string }
  // No ETag: @azure/data-tables sends a transaction's delete unconditionally (it drops the
  // options), so a delete guarded by an ETag is made on its own (TableStore.delete), or the
  // transaction is guarded by an ETag-checked update of another row.
  | { kind: "delete"; partitionKey: string; rowKey: string };

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  continuationToken?: string;
}

/** The same page with each item turned into something else (an entity into a record). */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { items: page.items.map(map), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

/** Every number is written as Edm.Double: Azure would otherwise infer Int32 and refuse larger values. */
function toTableEntity(entity: PlainEntity): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (value === undefined) continue;
    out[name] = typeof value === "number" && name !== "partitionKey" && name !== "rowKey" ? { value, type: "Double" } : value;
  }
  return out;
}

function fromTableEntity(result: TableEntityResult<Record<string, unknown>>): StoredEntity {
  const entity: StoredEntity = { partitionKey: result.partitionKey ?? "", rowKey: result.rowKey ?? "", etag: result.etag };
  for (const [name, value] of Object.entries(result)) {
    if (name === "partitionKey" || name === "rowKey" || name === "etag" || name === "timestamp" || name.startsWith("odata")) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") entity[name] = value as PropertyValue;
  }
  return entity;
}

// Failures that mean storage could not be reached (what is left after the SDK's retries), as
// opposed to storage refusing the request: connection errors, timeouts, and a busy service.
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ESOCKETTIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "REQUEST_SEND_ERROR"]);
const UNREACHABLE_STATUSES = new Set([408, 503, 504]);

function unreachable(error: unknown): boolean {
  const { code, name } = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; name?: unknown };
  if (name === "AbortError" || name === "TimeoutError") return true;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  const status = statusOf(error);
  return status !== undefined && UNREACHABLE_STATUSES.has(status);
}

function translate(error: unknown, what: string): unknown {
  if (error instanceof StorageError) return error;
  if (unreachable(error)) return new StorageError("unavailable", "The service cannot reach its storage just now.", { cause: error });
  switch (statusOf(error)) {
    case 404: return new StorageError("not-found", `${what} was not found.`, { cause: error });
    case 409: return new StorageError("conflict", `${what} already exists.`, { cause: error });
    case 412: return new StorageError("precondition-failed", `${what} has changed since it was read.`, { cause: error });
    case 413: return new StorageError("too-large", `${what} is too large to store.`, { cause: error });
    default: return error;
  }
}

/** Runs one request to Table storage; a failure becomes a StorageError where it has a meaning. */
async function request<T>(what: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw translate(error, what);
  }
}

/**
 * The one gate to Azure Table storage. Every write is checked against Azure's limits, made with
 * the entity's ETag where it updates, and (in embedded mode) journalled before it is acknowledged.
 * Writes to one partition are serialised in this process so the journal's order matches storage.
 */
export class TableStore {
  private service!: TableServiceClient;
  private pingService!: TableServiceClient;
  private clientOptions!: { allowInsecureConnection: boolean; retryOptions: typeof retryOptions };
  private readonly clients = new Map<string, TableClient>();
  private readonly partitionLocks = new Map<string, Promise<unknown>>();
  /** Closed while the embedded Azurite is restarted and replayed into; see pause(). */
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;
  private down: Error | undefined;

  constructor(
    private target: StorageTarget,
    private readonly prefix: string,
    private readonly journal?: Journal,
  ) {
    this.retarget(target);
  }

  /**
   * Points every client at another endpoint: a restarted embedded Azurite listens on a new port,
   * so requests still retrying against the old one fail (and are not acknowledged) instead of
   * landing in the new one before its replay.
   */
  retarget(target: StorageTarget): void {
    this.target = target;
    this.clients.clear();
    this.clientOptions = { allowInsecureConnection: insecureFor(target), retryOptions };
    const serviceClient = (options: object) =>
      "connectionString" in target
        ? TableServiceClient.fromConnectionString(target.connectionString, options)
        : new TableServiceClient(target.accountUrl, target.credential, options);
    this.service = serviceClient(this.clientOptions);
    this.pingService = serviceClient({ ...this.clientOptions, retryOptions: { maxRetries: 0 } });
  }

  /** Holds every operation back (the embedded Azurite is being restarted and replayed into), so
   * that no write lands before the replay and is then overwritten by it. */
  pause(): void {
    this.gate ??= new Promise<void>((resolve) => (this.openGate = resolve));
  }

  resume(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  /** Storage is gone for good: every operation, waiting or new, fails with this error. */
  fail(error: Error): void {
    this.down = error;
    this.resume();
  }

  private async ready(): Promise<void> {
    if (this.gate) await this.gate;
    if (this.down) throw this.down;
    // A write in storage that the journal could not record yet (disk full): nothing may be read or
    // acknowledged on top of it until it is recorded, or a crash could lose what was answered.
    await this.journal?.whole();
  }

  /** The physical name: the configured prefix keeps several suites (or test runs) apart in one account. */
  tableName(table: string): string {
    return `${this.prefix}${table}`;
  }

  private client(table: string): TableClient {
    return this.clientByName(this.tableName(table));
  }

  private clientByName(name: string): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      client = "connectionString" in this.target
        ? TableClient.fromConnectionString(this.target.connectionString, name, this.clientOptions)
        : new TableClient(this.target.accountUrl, name, this.target.credential, this.clientOptions);
      this.clients.set(name, client);
    }
    return client;
  }

  /**
   * The table's own client, for the backup alone: it copies entities with their Edm types exactly
   * as stored, which the plain values above cannot carry. Its writes are not journalled: an
   * import owns the embedded storage and stops it cleanly, so Azurite saves them (docs/backup.md).
   */
  async tableClient(table: string): Promise<TableClient> {
    await this.ready();
    return this.client(table);
  }

  /** Creates the tables that do not exist yet (idempotent). */
  async ensureTables(tables: readonly string[]): Promise<void> {
    await this.ready();
    await request("The tables", () => Promise.all(tables.map((table) => this.service.createTable(this.tableName(table)))));
  }

  /** One cheap round trip, for the health check. */
  async ping(): Promise<void> {
    await this.ready();
    // No retries and a short limit: the health check answers in seconds, not after a backoff.
    const pages = this.pingService.listTables({ abortSignal: AbortSignal.timeout(3_000) }).byPage({ maxPageSize: 1 });
    await request("The health check", () => pages.next());
  }

  async get(table: string, partitionKey: string, rowKey: string): Promise<StoredEntity | undefined> {
    // A key Azure cannot hold names no entity. Sent, a "/" in it changes the request's address
    // (Azurite answers 500, retried for seconds): so it is not sent.
    if (!isTableKey(partitionKey) || !isTableKey(rowKey)) return undefined;
    await this.ready();
    try {
      return fromTableEntity(await this.client(table).getEntity(partitionKey, rowKey));
    } catch (error) {
      // 400: a key no entity could have (a character Azure refuses): so, not found.
      if (statusOf(error) === 404 || statusOf(error) === 400) return undefined;
      throw translate(error, "The record");
    }
  }

  /** One page of a query. `filter` must come from the `odata` template of @azure/data-tables. */
  async page(table: string, filter: string | undefined, pageSize: number, continuationToken?: string): Promise<Page<StoredEntity>> {
    await this.ready();
    const iterator = this.client(table)
      .listEntities<Record<string, unknown>>({ queryOptions: filter ? { filter } : {} })
      .byPage({ maxPageSize: pageSize, ...(continuationToken ? { continuationToken } : {}) });
    let result;
    try {
      result = await iterator.next();
    } catch (error) {
      // The SDK decodes the token before asking: a token it cannot read was not one of ours.
      if (continuationToken && statusOf(error) === undefined && !unreachable(error)) throw new StorageError("bad-cursor", "The cursor is not one this service gave out.", { cause: error });
      throw translate(error, "The list");
    }
    if (result.done || !result.value) return { items: [] };
    const page = result.value;
    return { items: page.map(fromTableEntity), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
  }

  /** Every entity that matches, page by page (for small partitions and jobs, never for screens). */
  async all(table: string, filter?: string): Promise<StoredEntity[]> {
    const items: StoredEntity[] = [];
    let token: string | undefined;
    do {
      const page = await this.page(table, filter, 1000, token);
      items.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return items;
  }

  /**
   * A large entity goes as a one-row transaction: Azurite 3.35 garbles characters outside ASCII
   * in a single-entity request body of more than about 60 KB (not in a transaction's), and
   * embedded mode stores in Azurite. Undefined: send it as usual.
   */
  private async asTransaction(table: string, operation: BatchOperation & { entity: PlainEntity }, what: string): Promise<string | undefined> {
    if (entityBytes(operation.entity) <= LARGE_ENTITY_BYTES) return undefined;
    const [etag] = await this.batch(table, operation.entity.partitionKey, [operation], what);
    return etag ?? "";
  }

  /** Inserts; fails with a conflict when the entity exists. Returns the new ETag. */
  async create(table: string, entity: PlainEntity, what: string): Promise<string> {
    assertWithinLimits(table, entity);
    const large = await this.asTransaction(table, { kind: "create", entity }, what);
    if (large !== undefined) return large;
    return this.journalled(table, entity.partitionKey, [{ op: "upsert", table: this.tableName(table), entity }], () =>
      request(what, async () => (await this.client(table).createEntity(toTableEntity(entity) as PlainEntity)).etag ?? ""),
    );
  }

  /** Replaces the whole entity if its ETag still matches; otherwise precondition-failed. */
  async replace(table: string, entity: PlainEntity, etag: string, what: string): Promise<string> {
    assertWithinLimits(table, entity);
    const large = await this.asTransaction(table, { kind: "update", entity, etag }, what);
    if (large !== undefined) return large;
    return this.journalled(table, entity.partitionKey, [{ op: "upsert", table: this.tableName(table), entity }], () =>
      request(what, async () => (await this.client(table).updateEntity(toTableEntity(entity) as PlainEntity, "Replace", { etag })).etag ?? ""),
    );
  }

  /** Inserts or replaces whatever is there; for writes that carry no user's intent (seed, replay). */
  async upsert(table: string, entity: PlainEntity): Promise<void> {
    assertWithinLimits(table, entity);
    if ((await this.asTransaction(table, { kind: "upsert", entity }, "The record")) !== undefined) return;
    await this.journalled(table, entity.partitionKey, [{ op: "upsert", table: this.tableName(table), entity }], () =>
      request("The record", () => this.client(table).upsertEntity(toTableEntity(entity) as PlainEntity, "Replace")),
    );
  }

  async delete(table: string, partitionKey: string, rowKey: string, etag?: string): Promise<void> {
    await this.journalled(table, partitionKey, [{ op: "delete", table: this.tableName(table), partitionKey, rowKey }], async () => {
      try {
        await this.client(table).deleteEntity(partitionKey, rowKey, etag ? { etag } : {});
      } catch (error) {
        if (statusOf(error) === 404 && !etag) return;
        throw translate(error, "The record");
      }
    });
  }

  /** All-or-nothing writes within one partition (Azure's entity group transaction). Returns the
   * new ETag of each operation, in order ("" for deletes). */
  async batch(table: string, partitionKey: string, operations: BatchOperation[], what: string): Promise<string[]> {
    if (operations.length === 0) return [];
    if (operations.length > MAX_BATCH_OPERATIONS) throw new StorageError("too-large", `${what}: a transaction may hold at most ${MAX_BATCH_OPERATIONS} changes.`);
    let bytes = 0;
    const actions: TransactionAction[] = [];
    const journal: JournalOperation[] = [];
    for (const operation of operations) {
      const pk = operation.kind === "delete" ? operation.partitionKey : operation.entity.partitionKey;
      if (pk !== partitionKey) throw new Error(`Bug: a transaction on ${table} mixes partitions (${pk} and ${partitionKey}).`);
      if (operation.kind === "delete") {
        actions.push(["delete", { partitionKey: operation.partitionKey, rowKey: operation.rowKey }]);
        journal.push({ op: "delete", table: this.tableName(table), partitionKey: operation.partitionKey, rowKey: operation.rowKey });
        continue;
      }
      assertWithinLimits(table, operation.entity);
      bytes += entityBytes(operation.entity);
      const entity = toTableEntity(operation.entity) as PlainEntity;
      if (operation.kind === "create") actions.push(["create", entity]);
      else if (operation.kind === "upsert") actions.push(["upsert", entity, "Replace"]);
      else actions.push(["update", entity, "Replace", { etag: operation.etag }]);
      journal.push({ op: "upsert", table: this.tableName(table), entity: operation.entity });
    }
    if (bytes > MAX_BATCH_BYTES) throw new StorageError("too-large", `${what}: a transaction may hold at most 4 MiB.`);
    return this.journalled(table, partitionKey, journal, () =>
      request(what, async () => ((await this.client(table).submitTransaction(actions)).subResponses ?? []).map((sub) => sub.etag ?? "")),
    );
  }

  /** Runs the write, then journals its result, holding the partition so the two stay in order. */
  private async journalled<T>(table: string, partitionKey: string, ops: JournalOperation[], write: () => Promise<T>): Promise<T> {
    await this.ready();
    const key = `${table}\u0000${partitionKey}`;
    const previous = this.partitionLocks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(async () => {
      const result = await write();
      await this.journal?.append(ops);
      return result;
    });
    this.partitionLocks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.partitionLocks.get(key) === run) this.partitionLocks.delete(key);
    }
  }

  /**
   * Re-applies journal operations (tables named physically, as journalled) (idempotent: each carries
   * the entity's whole state), after making any of `tables` (named as the suite names them) that is missing.
   */
  async replay(operations: JournalOperation[], tables: readonly string[] = []): Promise<void> {
    // A table created just before a crash may itself be missing, and so may the suite's tables
    // (`tables`, made at the start and not journalled) when Azurite died before its first save.
    await Promise.all([...new Set([...tables.map((table) => this.tableName(table)), ...operations.map((o) => o.table)])].map((name) => this.service.createTable(name)));
    for (const operation of operations) {
      const client = this.clientByName(operation.table);
      if (operation.op === "upsert") {
        await client.upsertEntity(toTableEntity(operation.entity) as PlainEntity, "Replace");
      } else {
        try {
          await client.deleteEntity(operation.partitionKey, operation.rowKey);
        } catch (error) {
          if (statusOf(error) !== 404) throw error;
        }
      }
    }
  }
}
