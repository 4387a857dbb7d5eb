import { odata } from "@azure/data-tables";
import { DEFAULT_CATALOGUE, sameMeasures, type Catalogue, type Measure } from "@toms/domain";
import { tableKey, type StoredEntity } from "./entity.js";
import { StorageError, isStorageError } from "./errors.js";
import { writeInTransactions } from "./chunks.js";
import type { TableStore } from "./store.js";

/**
 * Catalogue versions. Each version is one partition of Catalogues ("v:<version>") holding a row
 * per measure; CatalogueVersions lists the versions (one partition, one query). A version is
 * written once and never changed, so readers cache it.
 */
export const CATALOGUES_TABLE = "Catalogues";
export const CATALOGUE_VERSIONS_TABLE = "CatalogueVersions";
const LIST_PARTITION = "catalogue";

export interface CatalogueVersionSummary {
  version: string;
  publishedAt: string;
  publishedBy: string;
  measureCount: number;
}

export type PublishedCatalogue = Catalogue & { publishedAt: string };

function versionPartition(version: string): string {
  return `v:${tableKey(version)}`;
}

function measureFromEntity(entity: StoredEntity): Measure {
  return {
    code: String(entity.code),
    theme: String(entity.theme),
    outcomes: JSON.parse(String(entity.outcomes)) as string[],
    name: String(entity.name),
    unit: String(entity.unit),
    proxyValue: typeof entity.proxyValue === "number" ? entity.proxyValue : null,
    source: String(entity.source),
  };
}

export class CatalogueRepository {
  private readonly cache = new Map<string, PublishedCatalogue>();

  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every complete version, newest first (one query). */
  async versions(): Promise<CatalogueVersionSummary[]> {
    const rows = await this.store.all(CATALOGUE_VERSIONS_TABLE, odata`PartitionKey eq ${LIST_PARTITION} and complete eq true`);
    return rows
      .map((row) => ({ version: String(row.version), publishedAt: String(row.publishedAt), publishedBy: String(row.publishedBy), measureCount: Number(row.measureCount) }))
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || b.version.localeCompare(a.version));
  }

  async get(version: string): Promise<PublishedCatalogue | undefined> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const summary = await this.store.get(CATALOGUE_VERSIONS_TABLE, LIST_PARTITION, tableKey(version));
    if (!summary || summary.complete !== true) return undefined;
    const rows = await this.store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${versionPartition(version)}`);
    const catalogue: PublishedCatalogue = {
      version,
      ...(typeof summary.moneyLabel === "string" ? { moneyLabel: summary.moneyLabel } : {}),
      publishedAt: String(summary.publishedAt),
      measures: rows.sort((a, b) => Number(a.order) - Number(b.order)).map(measureFromEntity),
    };
    this.cache.set(version, catalogue);
    return catalogue;
  }

  async latest(): Promise<PublishedCatalogue | undefined> {
    const [newest] = await this.versions();
    return newest ? this.get(newest.version) : undefined;
  }

  /**
   * Publishes a new version. A version that exists is never replaced (evaluations may rely on
   * it); only one left incomplete by a failed publish is written again.
   */
  async publish(catalogue: Catalogue, publishedBy: string): Promise<CatalogueVersionSummary> {
    const key = tableKey(catalogue.version);
    const summary: CatalogueVersionSummary = { version: catalogue.version, publishedAt: this.now().toISOString(), publishedBy, measureCount: catalogue.measures.length };
    const claim = { partitionKey: LIST_PARTITION, rowKey: key, ...summary, moneyLabel: catalogue.moneyLabel, complete: false };
    let etag: string;
    try {
      etag = await this.store.create(CATALOGUE_VERSIONS_TABLE, claim, `Catalogue version ${catalogue.version}`);
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      const existing = await this.store.get(CATALOGUE_VERSIONS_TABLE, LIST_PARTITION, key);
      if (!existing || existing.complete === true) {
        throw new StorageError("conflict", `Catalogue version ${catalogue.version} already exists and cannot be changed. Publish the new values under a new version name.`, { cause: error });
      }
      etag = await this.store.replace(CATALOGUE_VERSIONS_TABLE, claim, existing.etag, `Catalogue version ${catalogue.version}`);
      // Clear what the failed attempt left, so no stray measure survives into the new set.
      const leftovers = await this.store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${versionPartition(catalogue.version)}`);
      await writeInTransactions(this.store, CATALOGUES_TABLE, versionPartition(catalogue.version), leftovers.map((row) => ({ kind: "delete" as const, partitionKey: row.partitionKey, rowKey: row.rowKey })), `Catalogue version ${catalogue.version}`);
    }
    const partition = versionPartition(catalogue.version);
    await writeInTransactions(
      this.store,
      CATALOGUES_TABLE,
      partition,
      catalogue.measures.map((m, order) => ({
        kind: "upsert" as const,
        entity: { partitionKey: partition, rowKey: tableKey(m.code.toUpperCase()), order, code: m.code, theme: m.theme, outcomes: JSON.stringify(m.outcomes), name: m.name, unit: m.unit, proxyValue: m.proxyValue ?? undefined, source: m.source },
      })),
      `Catalogue version ${catalogue.version}`,
    );
    await this.store.replace(CATALOGUE_VERSIONS_TABLE, { ...claim, complete: true }, etag, `Catalogue version ${catalogue.version}`);
    return summary;
  }
}

/** What publishing a catalogue file did, version by version, in the file's order. */
export interface CataloguePublication {
  /** Versions published now. */
  published: CatalogueVersionSummary[];
  /** Versions already published with exactly these measures: nothing to do. */
  unchanged: string[];
  /** Versions already published with other measures. A published version never changes, so when
   * any is found nothing of the file is published (unless another publisher wrote it while the
   * file's earlier versions were being written: those stay published). */
  changed: string[];
}

/**
 * Publishes each catalogue version of a file that is not published yet: the one rule for
 * `toms catalogue import` and `POST /api/catalogue`. A version already published with the same
 * measures (in any order) is left as it is; one published with other measures refuses the whole
 * file before anything is written. The council's built-in version counts as published.
 * (A use case: it belongs in the application layer, `@toms/app`, once that exists.)
 *
 * @example
 * const outcome = await publishCatalogues(storage.catalogues, read.catalogues, "rob.amor");
 * if (outcome.changed.length > 0) refuse(`version ${outcome.changed[0]} is published with other values`);
 */
export async function publishCatalogues(
  repository: Pick<CatalogueRepository, "get" | "publish">,
  catalogues: readonly Catalogue[],
  publishedBy: string,
): Promise<CataloguePublication> {
  const outcome: CataloguePublication = { published: [], unchanged: [], changed: [] };
  const published = async (version: string) => (version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : await repository.get(version));
  const fresh: Catalogue[] = [];
  for (const catalogue of catalogues) {
    const existing = await published(catalogue.version);
    if (!existing) fresh.push(catalogue);
    else if (sameMeasures(existing, catalogue)) outcome.unchanged.push(catalogue.version);
    else outcome.changed.push(catalogue.version);
  }
  if (outcome.changed.length > 0) return outcome;
  for (const catalogue of fresh) {
    try {
      outcome.published.push(await repository.publish(catalogue, publishedBy));
    } catch (error) {
      // Someone else published this version since it was looked up: the same rule decides.
      if (!isStorageError(error, "conflict")) throw error;
      const existing = await published(catalogue.version);
      if (existing && sameMeasures(existing, catalogue)) outcome.unchanged.push(catalogue.version);
      else outcome.changed.push(catalogue.version);
    }
  }
  return outcome;
}
