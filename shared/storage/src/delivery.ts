import { odata } from "@azure/data-tables";
import { deliveryDigest, type AssessmentRecord, type DeliveryDigest, type DeliverySummary, type KpiRecord, type KpiReview, type KpiTemplate, type KpiUpdateRecord, type NoticePublication } from "@toms/domain";
import { contractAwardStateFrom, type ContractAwardState } from "./awards.js";
import { writeInTransactions } from "./chunks.js";
import { entityBytes, MAX_BATCH_OPERATIONS, MAX_ENTITY_BYTES, tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { isStorageError, StorageError, statusOf } from "./errors.js";
import { CONTRACT_SOCIAL_VALUE_TABLE } from "./evaluations.js";
import { retryOnChange } from "./retry-on-change.js";
import type { BatchOperation, TableStore } from "./store.js";
import type { Versioned } from "./suppliers.js";

/**
 * Contract delivery (docs/storage.md, "Delivery"). Everything a contract delivers lives in its
 * partition of ContractSocialValue, beside its award: "kpi:<id>", "kpi-update:<id>" (append only),
 * "review:<update id>" (written once), "assessment:<id>", "notice:<assessment id>" (written once)
 * and "summary", the contract's DeliverySummary, replaced with its ETag in the same transaction as
 * every other write there (with the award row rewritten under its ETag too, so that a withdrawal
 * and an update never both go ahead). Copies of each summary and its digest are kept in
 * DeliveryIndex (partitions "summary" and "digest", RowKey the contract id), written after the
 * transaction and only over an older version: the dashboards and the report read those.
 */
export const DELIVERY_INDEX_TABLE = "DeliveryIndex";
export const KPI_TEMPLATES_TABLE = "KpiTemplates";
export const SERVICE_AREAS_TABLE = "ServiceAreas";

/** Everything in a contract's partition, read in one query. */
export interface DeliveryPartition {
  contractId: string;
  /** Stored KPI rows (KPIs, and commitments entered or changed by a manager). */
  kpis: Versioned<KpiRecord>[];
  updates: KpiUpdateRecord[];
  reviews: KpiReview[];
  assessments: Versioned<AssessmentRecord>[];
  publications: NoticePublication[];
  summary?: Versioned<{ summary: DeliverySummary }>;
  /** The award's side of the partition (its claim, commitments, KPI update count), as AwardRepository reads it. */
  award: ContractAwardState;
}

export type DeliveryWrite =
  | { kind: "create-kpi"; kpi: KpiRecord }
  | { kind: "replace-kpi"; kpi: KpiRecord; etag: string }
  | { kind: "create-update"; update: KpiUpdateRecord }
  | { kind: "create-review"; review: KpiReview }
  | { kind: "create-assessment"; assessment: AssessmentRecord }
  | { kind: "replace-assessment"; assessment: AssessmentRecord; etag: string }
  | { kind: "create-publication"; publication: NoticePublication };

/** What a change decides after reading the partition: its answer, and the writes (none, and no summary: nothing changes). */
export interface DeliveryChange<T> {
  result: T;
  /** The answer once written, from the new ETags of the writes in order (when it shows them). */
  answer?: (etags: readonly string[]) => T;
  writes?: DeliveryWrite[];
  /** The new summary (version one more than the partition's); required with writes. Given alone, it is written alone (a refresh). */
  summary?: DeliverySummary;
}

/** What a bulk load writes for one contract (the demo and the benchmark's data). */
export interface DeliveryLoad {
  kpis: KpiRecord[];
  updates: KpiUpdateRecord[];
  reviews: KpiReview[];
  assessments: AssessmentRecord[];
  publications: NoticePublication[];
}


const KPI = "kpi:";
const UPDATE = "kpi-update:";
const REVIEW = "review:";
const ASSESSMENT = "assessment:";
const NOTICE = "notice:";
const SUMMARY = "summary";
const AWARD = "award";
const SUMMARY_COPIES = "summary";
const DIGEST_COPIES = "digest";
const TEMPLATES = "template";
const TEMPLATE_NAME = "name:";
const AREAS = "area";
const AREA = "a:";

/** How many times a change reads the partition again after it changed under it. */
export const DELIVERY_CHANGE_ATTEMPTS = 10;
/** A transaction holds 100 operations: the summary and the award row take two. */
export const MAX_DELIVERY_WRITES = MAX_BATCH_OPERATIONS - 2;

/** Characters per JSON part: a property holds 64 KiB, that is 32k UTF-16 characters. */
const PART_CHARS = 30_000;

/**
 * A record as an entity: its JSON split over properties p0, p1... of at most 30,000 characters
 * (never between the two halves of a surrogate pair, which would not survive UTF-8), beside the
 * `extra` properties. Too large for one entity (1 MiB): too-large, saying what it is.
 */
function jsonEntity(partitionKey: string, rowKey: string, value: unknown, what: string, extra: Record<string, string | number> = {}): PlainEntity {
  const json = JSON.stringify(value);
  const entity: PlainEntity = { partitionKey, rowKey, ...extra };
  let start = 0;
  let part = 0;
  do {
    let end = Math.min(start + PART_CHARS, json.length);
    const before = json.charCodeAt(end - 1);
    if (end < json.length && before >= 0xd800 && before <= 0xdbff) end--;
    entity[`p${part++}`] = json.slice(start, end);
    start = end;
  } while (start < json.length);
  const bytes = entityBytes(entity);
  if (bytes > MAX_ENTITY_BYTES) throw new StorageError("too-large", `${what} is too large to store (${Math.ceil(bytes / 1024)} KiB; Azure allows 1,024 KiB in one record).`);
  return entity;
}

/** The record a jsonEntity holds; damaged when its parts are missing. */
function fromJsonEntity<T>(entity: StoredEntity, table: string): T {
  let json = "";
  for (let part = 0; typeof entity[`p${part}`] === "string"; part++) json += entity[`p${part}`] as string;
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw new StorageError("damaged", `The ${table} record (${entity.partitionKey}, ${entity.rowKey}) does not hold a whole record.`, { cause: error });
  }
}

const kpiKey = (id: string) => `${KPI}${tableKey(id)}`;
const updateKey = (id: string) => `${UPDATE}${tableKey(id)}`;
const reviewKey = (updateId: string) => `${REVIEW}${tableKey(updateId)}`;
const assessmentKey = (id: string) => `${ASSESSMENT}${tableKey(id)}`;
const noticeKey = (assessmentId: string) => `${NOTICE}${tableKey(assessmentId)}`;

/** The row a delivery write puts in the contract's partition. */
function entityOf(contractId: string, write: DeliveryWrite): PlainEntity {
  const of = `of contract ${contractId}'s delivery`;
  const owned = (record: { contractId: string }, name: string) => {
    if (record.contractId !== contractId) throw new Error(`Bug: a change of contract ${contractId} writes ${name} of contract ${record.contractId}.`);
  };
  switch (write.kind) {
    case "create-kpi":
    case "replace-kpi":
      owned(write.kpi, `KPI ${write.kpi.id}`);
      // The kind and an update's KPI also as properties of their own, for the award's count of the
      // updates against its commitments (awards.ts), which reads the rows without their JSON.
      return jsonEntity(contractId, kpiKey(write.kpi.id), write.kpi, `The KPI "${write.kpi.title}" ${of}`, { kind: write.kpi.kind });
    case "create-update":
      owned(write.update, `KPI update ${write.update.id}`);
      return jsonEntity(contractId, updateKey(write.update.id), write.update, `The KPI update for ${write.update.period} ${of}`, { kpiId: write.update.kpiId });
    case "create-review":
      return jsonEntity(contractId, reviewKey(write.review.updateId), write.review, `The review of KPI update ${write.review.updateId} ${of}`);
    case "create-assessment":
    case "replace-assessment":
      owned(write.assessment, `assessment ${write.assessment.id}`);
      return jsonEntity(contractId, assessmentKey(write.assessment.id), write.assessment, `The assessment ${write.assessment.from} to ${write.assessment.to} ${of}`);
    case "create-publication":
      return jsonEntity(contractId, noticeKey(write.publication.assessmentId), write.publication, `The notice publication of assessment ${write.publication.assessmentId} ${of}`);
  }
}

/** A delivery write as an operation of the contract's transaction: a new row, or a replacement with the ETag read. */
function operationOf(contractId: string, write: DeliveryWrite): BatchOperation {
  const entity = entityOf(contractId, write);
  return write.kind === "replace-kpi" || write.kind === "replace-assessment" ? { kind: "update", entity, etag: write.etag } : { kind: "create", entity };
}

const summaryEntity = (summary: DeliverySummary) =>
  jsonEntity(summary.contractId, SUMMARY, summary, `The delivery summary of contract ${summary.contractId}`, { version: summary.version });

/** The partition sorted out, with the award row as read (a change rewrites it under its ETag). */
function partitionFrom(contractId: string, rows: readonly StoredEntity[]): { partition: DeliveryPartition; awardRow?: StoredEntity } {
  const table = CONTRACT_SOCIAL_VALUE_TABLE;
  const of = <T>(prefix: string) => rows.filter((row) => row.rowKey.startsWith(prefix)).map((row) => ({ record: fromJsonEntity<T>(row, table), etag: row.etag }));
  const summaryRow = rows.find((row) => row.rowKey === SUMMARY);
  const awardRow = rows.find((row) => row.rowKey === AWARD);
  const partition: DeliveryPartition = {
    contractId,
    // Created order, so that a contract's KPIs read as they were set up.
    kpis: of<KpiRecord>(KPI).map(({ record, etag }) => ({ ...record, etag })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    updates: of<KpiUpdateRecord>(UPDATE).map(({ record }) => record).sort((a, b) => a.kpiId.localeCompare(b.kpiId) || a.period.localeCompare(b.period) || a.revision - b.revision),
    reviews: of<KpiReview>(REVIEW).map(({ record }) => record),
    assessments: of<AssessmentRecord>(ASSESSMENT).map(({ record, etag }) => ({ ...record, etag })).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    publications: of<NoticePublication>(NOTICE).map(({ record }) => record),
    ...(summaryRow ? { summary: { summary: fromJsonEntity<DeliverySummary>(summaryRow, table), etag: summaryRow.etag } } : {}),
    award: contractAwardStateFrom(contractId, rows),
  };
  return { partition, ...(awardRow ? { awardRow } : {}) };
}

/** The partition changed between the read and the transaction: an ETag no longer matches, a row
 * was created by someone else, or the award row was removed (a withdrawal). */
const changedMeanwhile = (error: unknown) => isStorageError(error, "precondition-failed") || isStorageError(error, "conflict") || isStorageError(error, "not-found");

export class DeliveryRepository {
  /** The change each contract is running in this process (then the one waiting after it). */
  private readonly running = new Map<string, Promise<unknown>>();
  /** Summaries stored whose copies could not be written after: written again before the copies are next read. */
  private readonly copiesBehind = new Map<string, DeliverySummary>();

  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The contract's partition, in one query. */
  async read(contractId: string): Promise<DeliveryPartition> {
    return (await this.readRows(contractId)).partition;
  }

  private async readRows(contractId: string) {
    return partitionFrom(contractId, await this.store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`));
  }

  /**
   * Reads the partition, lets `decide` work out the change, and writes it in one transaction
   * with the summary (replaced with the ETag it was read at, or created) and the award row
   * rewritten under its ETag; then the copies. When anything in the partition changed meanwhile
   * the whole is tried again from a new read after a random wait (up to 10 times, then precondition-failed). Changes
   * to one contract are run one at a time in this process. At most 98 writes. A change with no
   * writes and no summary writes nothing; one with a summary and no writes writes the summary
   * alone (a refresh). With `answer`, the answer is made from the writes' new ETags.
   *
   * @example
   * const update = await delivery.change(contractId, (partition) => ({ result: update, writes: [{ kind: "create-update", update }], summary: summarise(...) }));
   */
  async change<T>(contractId: string, decide: (partition: DeliveryPartition) => Promise<DeliveryChange<T>> | DeliveryChange<T>): Promise<T> {
    return this.oneAtATime(contractId, async () => {
      for (let attempt = 1; ; attempt++) {
        const { partition, awardRow } = await this.readRows(contractId);
        const change = await decide(partition);
        const writes = change.writes ?? [];
        // Nothing to write, unless a summary alone is brought (a refresh after an award).
        if (writes.length === 0 && !change.summary) return change.result;
        const summary = this.checkedSummary(contractId, partition, change);
        if (writes.length > MAX_DELIVERY_WRITES) throw new Error(`Bug: a change of contract ${contractId} writes ${writes.length} records; one transaction holds ${MAX_DELIVERY_WRITES} beside the summary and the award.`);
        const operations = writes.map((write) => operationOf(contractId, write));
        operations.push(partition.summary ? { kind: "update", entity: summaryEntity(summary), etag: partition.summary.etag } : { kind: "create", entity: summaryEntity(summary) });
        if (awardRow) {
          // Rewritten as read, so that a withdrawal holding the award's old ETag fails, and this
          // transaction fails if the award changed since the read.
          const { etag, ...row } = awardRow;
          operations.push({ kind: "update", entity: row, etag });
        }
        let etags: string[];
        try {
          etags = await this.store.batch(CONTRACT_SOCIAL_VALUE_TABLE, contractId, operations, `Contract ${contractId}'s delivery`);
        } catch (error) {
          if (!changedMeanwhile(error)) throw error;
          if (attempt >= DELIVERY_CHANGE_ATTEMPTS) {
            throw new StorageError("precondition-failed", `Contract ${contractId}'s delivery kept changing while it was being written (${DELIVERY_CHANGE_ATTEMPTS} tries). Reload and try again.`, { cause: error });
          }
          // Other instances writing the same contract: a retry at once would meet them again in
          // step, so each waits a random moment, longer after each loss (full jitter, at most 320 ms).
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(320, 10 * 2 ** attempt)));
          continue;
        }
        try {
          await this.writeCopies(summary, deliveryDigest(summary));
        } catch (error) {
          // A bug is a bug; storage failing now is not the change's failure.
          if (!isStorageError(error) && statusOf(error) === undefined) throw error;
          // The change is stored, so it is answered as made (a failure here would have the caller
          // send it again, and add it twice). The copies are derived from the summary: they are
          // written again before the copies are next read, by the contract's next change, or by
          // a read of its dashboard.
          this.copiesBehind.set(contractId, summary);
        }
        return change.answer ? change.answer(etags.slice(0, writes.length)) : change.result;
      }
    });
  }

  /** The change's summary, which must be the partition's next version of this contract. */
  private checkedSummary<T>(contractId: string, partition: DeliveryPartition, change: DeliveryChange<T>): DeliverySummary {
    const summary = change.summary;
    const next = (partition.summary?.summary.version ?? 0) + 1;
    if (!summary) throw new Error(`Bug: a change of contract ${contractId} writes records without the summary.`);
    if (summary.contractId !== contractId || summary.version !== next) {
      throw new Error(`Bug: a change of contract ${contractId} brings the summary of contract ${summary.contractId} version ${summary.version}, not version ${next}.`);
    }
    return summary;
  }

  /** Runs `work` after every change of the contract begun before it in this process. */
  private async oneAtATime<T>(contractId: string, work: () => Promise<T>): Promise<T> {
    const before = this.running.get(contractId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.running.set(contractId, mine);
    try {
      return await mine;
    } finally {
      // The last in the queue leaves nothing behind.
      if (this.running.get(contractId) === mine) this.running.delete(contractId);
    }
  }

  /** The summary in the contract's partition (one point read). */
  async summary(contractId: string): Promise<Versioned<{ summary: DeliverySummary }> | undefined> {
    const row = await this.store.get(CONTRACT_SOCIAL_VALUE_TABLE, contractId, SUMMARY);
    return row ? { summary: fromJsonEntity<DeliverySummary>(row, CONTRACT_SOCIAL_VALUE_TABLE), etag: row.etag } : undefined;
  }

  /** Every contract's digest (one partition query of DeliveryIndex, page by page). */
  async digests(): Promise<DeliveryDigest[]> {
    return this.copies<DeliveryDigest>(DIGEST_COPIES);
  }

  /** Every contract's summary copy (for the annual report). */
  async summaries(): Promise<DeliverySummary[]> {
    return this.copies<DeliverySummary>(SUMMARY_COPIES);
  }

  private async copies<T>(partition: string): Promise<T[]> {
    await this.catchUpCopies();
    const rows = await this.store.all(DELIVERY_INDEX_TABLE, odata`PartitionKey eq ${partition}`);
    return rows.map((row) => fromJsonEntity<T>(row, DELIVERY_INDEX_TABLE));
  }

  /** Writes the summary's copy and digest unless a newer version is there (a repair, or after a write). */
  async writeCopies(summary: DeliverySummary, digest: DeliveryDigest): Promise<void> {
    if (digest.contractId !== summary.contractId || digest.version !== summary.version) {
      throw new Error(`Bug: the digest of contract ${digest.contractId} version ${digest.version} does not go with the summary of contract ${summary.contractId} version ${summary.version}.`);
    }
    await Promise.all([
      this.writeCopy(SUMMARY_COPIES, summary.contractId, summary.version, summary, `The copy of contract ${summary.contractId}'s delivery summary`),
      this.writeCopy(DIGEST_COPIES, summary.contractId, digest.version, digest, `The digest of contract ${summary.contractId}'s delivery`),
    ]);
    if ((this.copiesBehind.get(summary.contractId)?.version ?? Infinity) <= summary.version) this.copiesBehind.delete(summary.contractId);
  }

  /** Writes the copies left behind by a change whose copies failed (storage failing again leaves them for the next read). */
  private async catchUpCopies(): Promise<void> {
    for (const summary of [...this.copiesBehind.values()]) {
      try {
        await this.writeCopies(summary, deliveryDigest(summary));
      } catch (error) {
        if (!isStorageError(error) && statusOf(error) === undefined) throw error;
      }
    }
  }

  /** Replaces the copy with its ETag, or creates it, unless the one there is as new or newer. */
  private async writeCopy(partition: string, contractId: string, version: number, value: unknown, what: string): Promise<void> {
    const entity = jsonEntity(partition, contractId, value, what, { version });
    await retryOnChange(what, async () => {
      const row = await this.store.get(DELIVERY_INDEX_TABLE, partition, contractId);
      if (row && Number(row.version) >= version) return;
      try {
        await (row ? this.store.replace(DELIVERY_INDEX_TABLE, entity, row.etag, what) : this.store.create(DELIVERY_INDEX_TABLE, entity, what));
      } catch (error) {
        // Another writer created it first: read it again, as for a changed ETag.
        if (isStorageError(error, "conflict")) throw new StorageError("precondition-failed", error.message, { cause: error });
        throw error;
      }
    });
  }

  /** The copies' version for a contract, to see whether they are behind the partition (undefined: none). */
  async copyVersion(contractId: string): Promise<number | undefined> {
    const row = await this.store.get(DELIVERY_INDEX_TABLE, DIGEST_COPIES, contractId);
    return row ? Number(row.version) : undefined;
  }

  /**
   * Writes a contract's delivery in bulk (transactions of 100, the summary last, then the copies),
   * over whatever is there: for the demo and benchmark data, never for a user's request.
   */
  async load(contractId: string, load: DeliveryLoad, summary: DeliverySummary, digest: DeliveryDigest): Promise<void> {
    if (summary.contractId !== contractId) throw new Error(`Bug: the delivery loaded into contract ${contractId} comes with the summary of contract ${summary.contractId}.`);
    const writes: DeliveryWrite[] = [
      ...load.kpis.map((kpi) => ({ kind: "create-kpi" as const, kpi })),
      ...load.updates.map((update) => ({ kind: "create-update" as const, update })),
      ...load.reviews.map((review) => ({ kind: "create-review" as const, review })),
      ...load.assessments.map((assessment) => ({ kind: "create-assessment" as const, assessment })),
      ...load.publications.map((publication) => ({ kind: "create-publication" as const, publication })),
    ];
    // Upserts: loading the same data again writes the same rows.
    const operations = writes.map((write): BatchOperation => ({ kind: "upsert", entity: entityOf(contractId, write) }));
    await writeInTransactions(this.store, CONTRACT_SOCIAL_VALUE_TABLE, contractId, operations, `Contract ${contractId}'s delivery`);
    await this.store.upsert(CONTRACT_SOCIAL_VALUE_TABLE, summaryEntity(summary));
    await this.writeCopies(summary, digest);
  }
}

const templateNameKey = (name: string) => `${TEMPLATE_NAME}${tableKey(name.trim().toUpperCase())}`;

/** KPI templates procurement officers add (the built-in library is the domain's). */
export class KpiTemplateRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every template added, by name. */
  async list(): Promise<KpiTemplate[]> {
    const rows = await this.store.all(KPI_TEMPLATES_TABLE, odata`PartitionKey eq ${TEMPLATES}`);
    return rows
      .filter((row) => !row.rowKey.startsWith(TEMPLATE_NAME))
      .map((row) => fromJsonEntity<KpiTemplate>(row, KPI_TEMPLATES_TABLE))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<KpiTemplate | undefined> {
    const row = await this.store.get(KPI_TEMPLATES_TABLE, TEMPLATES, tableKey(id));
    return row ? fromJsonEntity<KpiTemplate>(row, KPI_TEMPLATES_TABLE) : undefined;
  }

  /** Adds a template; conflict when one of the same name exists (compared ignoring case and spaces around). */
  async create(template: KpiTemplate): Promise<KpiTemplate> {
    const record: KpiTemplate = { ...template, createdAt: template.createdAt ?? this.now().toISOString() };
    const what = `The KPI template "${record.name}"`;
    try {
      // The name's claim in the same transaction makes names unique.
      await this.store.batch(KPI_TEMPLATES_TABLE, TEMPLATES, [
        { kind: "create", entity: jsonEntity(TEMPLATES, tableKey(record.id), record, what) },
        { kind: "create", entity: { partitionKey: TEMPLATES, rowKey: templateNameKey(record.name), templateId: record.id } },
      ], what);
    } catch (error) {
      if (isStorageError(error, "conflict")) throw new StorageError("conflict", `A KPI template named "${record.name.trim()}" already exists.`, { cause: error });
      throw error;
    }
    return record;
  }
}

/** Service areas added by procurement officers (the defaults are the domain's). */
export class ServiceAreaRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Names added, in any order. */
  async list(): Promise<string[]> {
    const rows = await this.store.all(SERVICE_AREAS_TABLE, odata`PartitionKey eq ${AREAS}`);
    return rows.map((row) => String(row.name));
  }

  /** Adds one (insert-if-absent, compared ignoring case); false when it was there. */
  async add(name: string, by: string): Promise<boolean> {
    const trimmed = name.trim();
    try {
      await this.store.create(SERVICE_AREAS_TABLE, { partitionKey: AREAS, rowKey: `${AREA}${tableKey(trimmed.toUpperCase())}`, name: trimmed, addedBy: by, addedAt: this.now().toISOString() }, `The service area "${trimmed}"`);
      return true;
    } catch (error) {
      if (isStorageError(error, "conflict")) return false;
      throw error;
    }
  }
}
