import { createHash, randomUUID } from "node:crypto";
import { odata } from "@azure/data-tables";
import { catalogueContent, sameMeasures, type Catalogue, type Measure, type VersionBeingPublished } from "@toms/domain";
import { tableKey, type StoredEntity } from "./entity.js";
import { StorageError, isStorageError } from "./errors.js";
import { writeInTransactions } from "./chunks.js";
import type { TableStore } from "./store.js";

/**
 * Catalogue versions. Each version is one partition of Catalogues ("v:<version>") holding a row
 * per measure under the claim that wrote it ("<claimId>:<CODE>"), so two publishers never write
 * the same row; CatalogueVersions lists the versions (one partition, one query). A version is
 * written once and never changed, so readers cache it.
 */
export const CATALOGUES_TABLE = "Catalogues";
export const CATALOGUE_VERSIONS_TABLE = "CatalogueVersions";
const LIST_PARTITION = "catalogue";
/** How long an unfinished publish may go on before another publisher takes its claim over:
 * writing the most rows a catalogue file may hold takes seconds. */
const CLAIM_STALE_MS = 60_000;
/** A publisher of the same measures waits this long at most for one in progress (12 x 250 ms),
 * counted in its own attempts, not by the clock: then it answers, rather than hold its caller. */
const WAIT_STEPS = 12;
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

  /**
   * A complete version with its measures, or undefined. Only the rows of the claim that completed
   * are read (an attempt that was taken over may have left others), and they must be as many as
   * the version row says: fewer or more is damaged storage (StorageError "damaged"), never a
   * smaller catalogue.
   */
  async get(version: string): Promise<PublishedCatalogue | undefined> {
    const cached = this.cache.get(version);
    if (cached) return cached;
    const summary = await this.store.get(CATALOGUE_VERSIONS_TABLE, LIST_PARTITION, tableKey(version));
    if (!summary || summary.complete !== true) return undefined;
    const partition = versionPartition(version);
    // Versions published before claims carry no claim id: all their partition's rows are theirs.
    const rows = await this.store.all(CATALOGUES_TABLE, typeof summary.claimId === "string" ? odata`PartitionKey eq ${partition} and claimId eq ${summary.claimId}` : odata`PartitionKey eq ${partition}`);
    const expected = Number(summary.measureCount);
    if (rows.length !== expected) {
      throw new StorageError("damaged", `Catalogue version ${version} should have ${expected} measures, but storage holds ${rows.length}: the stored catalogue is damaged, so it is not used rather than used with the wrong measures. Tell the service desk.`);
    }
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
   * Publishes a new version, claim first: the version row is inserted (or, left unfinished by a
   * crash for over a minute, taken over with its ETag) before any measure is written; the measure
   * rows are keyed by the claim's id, so a publisher whose claim was taken over never overwrites
   * the new claim's rows; the row is marked complete last. A version never changes once complete
   * (evaluations rely on it): publishing it again answers "unchanged" with the same measures,
   * "changed" with others. A version another publisher is writing answers "in-progress" (with
   * the same measures, after waiting a few seconds for it to finish), naming who and since when.
   * (`publishCatalogues` in `@toms/app` publishes a whole catalogue file with it.)
   */
  async publish(catalogue: Catalogue, publishedBy: string): Promise<PublishResult> {
    const key = tableKey(catalogue.version);
    const partition = versionPartition(catalogue.version);
    const what = `Catalogue version ${catalogue.version}`;
    const contentHash = createHash("sha256").update(catalogueContent(catalogue)).digest("base64");
    const lookAgain = () => this.store.get(CATALOGUE_VERSIONS_TABLE, LIST_PARTITION, key);
    // Not read first: callers look a version up before they publish it, so the insert is tried
    // at once, and the row is read only when it is there.
    let existing: StoredEntity | undefined;
    let waited = 0;
    for (;;) {
      const now = this.now();
      const summary: CatalogueVersionSummary = { version: catalogue.version, publishedAt: now.toISOString(), publishedBy, measureCount: catalogue.measures.length };
      const claim = { partitionKey: LIST_PARTITION, rowKey: key, ...summary, moneyLabel: catalogue.moneyLabel, contentHash, claimId: randomUUID(), complete: false };
      let etag: string;
      if (!existing) {
        try {
          etag = await this.store.create(CATALOGUE_VERSIONS_TABLE, claim, what);
        } catch (error) {
          if (!isStorageError(error, "conflict")) throw error;
          existing = await lookAgain(); // claimed already: look at that claim
          continue;
        }
      } else {
        // Versions published before claims held a content hash are compared measure by measure.
        const legacy = existing.contentHash === undefined && existing.complete === true ? await this.get(catalogue.version) : undefined;
        const same = existing.contentHash === contentHash || (legacy !== undefined && sameMeasures(legacy, catalogue));
        if (existing.complete === true) return { outcome: same ? "unchanged" : "changed" };
        const since = new Date(String(existing.publishedAt));
        if (now.getTime() - since.getTime() < CLAIM_STALE_MS) {
          if (same && waited < WAIT_STEPS) {
            waited += 1;
            await sleep(WAIT_STEP_MS); // the same measures are being written: give them a moment
            existing = await lookAgain();
            continue;
          }
          return { outcome: "in-progress", other: { version: catalogue.version, publishedBy: String(existing.publishedBy), since, sameMeasures: same } };
        }
        try {
          etag = await this.store.replace(CATALOGUE_VERSIONS_TABLE, claim, existing.etag, what);
        } catch (error) {
          if (!isStorageError(error, "precondition-failed")) throw error;
          existing = await lookAgain(); // another publisher took it first
          continue;
        }
      }
      await writeInTransactions(
        this.store,
        CATALOGUES_TABLE,
        partition,
        catalogue.measures.map((m, order) => ({
          kind: "upsert" as const,
          entity: { partitionKey: partition, rowKey: `${claim.claimId}:${tableKey(m.code.toUpperCase())}`, claimId: claim.claimId, order, code: m.code, theme: m.theme, outcomes: JSON.stringify(m.outcomes), name: m.name, unit: m.unit, proxyValue: m.proxyValue ?? undefined, source: m.source },
        })),
        what,
      );
      try {
        await this.store.replace(CATALOGUE_VERSIONS_TABLE, { ...claim, complete: true }, etag, what);
      } catch (error) {
        // Taken over while this publish was slow: the version is whatever its new claim writes.
        if (!isStorageError(error, "precondition-failed")) throw error;
        existing = await lookAgain();
        continue;
      }
      return { outcome: "published", summary };
    }
  }
}

/** What `CatalogueRepository.publish` did. */
export type PublishResult =
  | { outcome: "published"; summary: CatalogueVersionSummary }
  /** Published already with exactly these measures: nothing to do. */
  | { outcome: "unchanged" }
  /** Published already with other measures: a published version never changes. */
  | { outcome: "changed" }
  /** Another publisher has claimed the version and not finished. */
  | { outcome: "in-progress"; other: VersionBeingPublished };
