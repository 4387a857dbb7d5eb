import { createHash, randomUUID } from "node:crypto";
import { odata } from "@azure/data-tables";
import { catalogueContent, sameMeasures, type Catalogue, type Measure } from "@toms/domain";
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
/** How long an unfinished publish may go on before another publisher takes its claim over:
 * writing the most rows a catalogue file may hold takes seconds. */
const CLAIM_STALE_MS = 60_000;
const WAIT_STEP_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      // Only the rows of the claim that completed: an attempt that was taken over may have left others.
      measures: rows.filter((row) => row.claimId === summary.claimId).sort((a, b) => Number(a.order) - Number(b.order)).map(measureFromEntity),
    };
    this.cache.set(version, catalogue);
    return catalogue;
  }

  async latest(): Promise<PublishedCatalogue | undefined> {
    const [newest] = await this.versions();
    return newest ? this.get(newest.version) : undefined;
  }

  /**
   * Publishes a new version, claim first: the version row is inserted (or, left unfinished by a
   * crash, taken over with its ETag) before any measure is written, each measure row carries the
   * claim's id, and the row is marked complete last. Readers take only the rows of the claim that
   * completed, so two publishers never mix their rows. A version never changes once complete
   * (evaluations rely on it): publishing it again with the same measures answers "unchanged"
   * (waiting for a publish of them in progress), with other measures it throws a conflict.
   * (`publishCatalogues` in `@toms/app` publishes a whole catalogue file with it.)
   */
  async publish(catalogue: Catalogue, publishedBy: string): Promise<PublishResult> {
    const key = tableKey(catalogue.version);
    const partition = versionPartition(catalogue.version);
    const what = `Catalogue version ${catalogue.version}`;
    const contentHash = createHash("sha256").update(catalogueContent(catalogue)).digest("base64");
    const changed = () => new StorageError("conflict", `${what} is published with other measures, and a published version never changes. Publish the new values under a new version name.`);
    for (;;) {
      const now = this.now();
      const summary: CatalogueVersionSummary = { version: catalogue.version, publishedAt: now.toISOString(), publishedBy, measureCount: catalogue.measures.length };
      const claim = { partitionKey: LIST_PARTITION, rowKey: key, ...summary, moneyLabel: catalogue.moneyLabel, contentHash, claimId: randomUUID(), complete: false };
      const existing = await this.store.get(CATALOGUE_VERSIONS_TABLE, LIST_PARTITION, key);
      let etag: string;
      if (!existing) {
        try {
          etag = await this.store.create(CATALOGUE_VERSIONS_TABLE, claim, what);
        } catch (error) {
          if (isStorageError(error, "conflict")) continue; // claimed meanwhile: look at that claim
          throw error;
        }
      } else {
        // Versions published before claims held a content hash are compared measure by measure.
        const legacy = existing.contentHash === undefined && existing.complete === true ? await this.get(catalogue.version) : undefined;
        const same = existing.contentHash === contentHash || (legacy !== undefined && sameMeasures(legacy, catalogue));
        if (existing.complete === true) {
          if (same) return { outcome: "unchanged" };
          throw changed();
        }
        if (now.getTime() - Date.parse(String(existing.publishedAt)) < CLAIM_STALE_MS) {
          if (!same) throw changed();
          await sleep(WAIT_STEP_MS); // the same measures are being written: wait for them
          continue;
        }
        try {
          etag = await this.store.replace(CATALOGUE_VERSIONS_TABLE, claim, existing.etag, what);
        } catch (error) {
          if (isStorageError(error, "precondition-failed")) continue; // another publisher took it first
          throw error;
        }
      }
      await writeInTransactions(
        this.store,
        CATALOGUES_TABLE,
        partition,
        catalogue.measures.map((m, order) => ({
          kind: "upsert" as const,
          entity: { partitionKey: partition, rowKey: tableKey(m.code.toUpperCase()), claimId: claim.claimId, order, code: m.code, theme: m.theme, outcomes: JSON.stringify(m.outcomes), name: m.name, unit: m.unit, proxyValue: m.proxyValue ?? undefined, source: m.source },
        })),
        what,
      );
      try {
        await this.store.replace(CATALOGUE_VERSIONS_TABLE, { ...claim, complete: true }, etag, what);
      } catch (error) {
        // Taken over while this publish was slow: the version is whatever its new claim writes.
        if (isStorageError(error, "precondition-failed")) continue;
        throw error;
      }
      return { outcome: "published", summary };
    }
  }
}

/** What `CatalogueRepository.publish` did. */
export type PublishResult = { outcome: "published"; summary: CatalogueVersionSummary } | { outcome: "unchanged" };
