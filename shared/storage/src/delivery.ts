import type { AssessmentRecord, DeliveryDigest, DeliverySummary, KpiRecord, KpiReview, KpiTemplate, KpiUpdateRecord, NoticePublication } from "@toms/domain";
import type { ContractAwardState } from "./awards.js";
import type { TableStore } from "./store.js";
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

export class DeliveryRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The contract's partition, in one query. */
  async read(contractId: string): Promise<DeliveryPartition> {
    throw new Error("Not implemented yet: read");
  }

  /**
   * Reads the partition, lets `decide` work out the change, and writes it in one transaction
   * with the summary (replaced with the ETag it was read at, or created) and the award row
   * rewritten under its ETag; then the copies. When anything in the partition changed meanwhile
   * the whole is tried again from a new read (up to 10 times, then precondition-failed). Changes
   * to one contract are run one at a time in this process. At most 98 writes.
   */
  async change<T>(contractId: string, decide: (partition: DeliveryPartition) => Promise<DeliveryChange<T>> | DeliveryChange<T>): Promise<T> {
    throw new Error("Not implemented yet: change");
  }

  /** The summary in the contract's partition (one point read). */
  async summary(contractId: string): Promise<Versioned<{ summary: DeliverySummary }> | undefined> {
    throw new Error("Not implemented yet: summary");
  }

  /** Every contract's digest (one partition query of DeliveryIndex, page by page). */
  async digests(): Promise<DeliveryDigest[]> {
    throw new Error("Not implemented yet: digests");
  }

  /** Every contract's summary copy (for the annual report). */
  async summaries(): Promise<DeliverySummary[]> {
    throw new Error("Not implemented yet: summaries");
  }

  /** Writes the summary's copy and digest unless a newer version is there (a repair, or after a write). */
  async writeCopies(summary: DeliverySummary, digest: DeliveryDigest): Promise<void> {
    throw new Error("Not implemented yet: writeCopies");
  }

  /** The copies' version for a contract, to see whether they are behind the partition (undefined: none). */
  async copyVersion(contractId: string): Promise<number | undefined> {
    throw new Error("Not implemented yet: copyVersion");
  }

  /**
   * Writes a contract's delivery in bulk (transactions of 100, the summary last, then the copies),
   * over whatever is there: for the demo and benchmark data, never for a user's request.
   */
  async load(contractId: string, load: DeliveryLoad, summary: DeliverySummary, digest: DeliveryDigest): Promise<void> {
    throw new Error("Not implemented yet: load");
  }
}

/** KPI templates procurement officers add (the built-in library is the domain's). */
export class KpiTemplateRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<KpiTemplate[]> {
    throw new Error("Not implemented yet: list");
  }

  async get(id: string): Promise<KpiTemplate | undefined> {
    throw new Error("Not implemented yet: get");
  }

  /** Adds a template; conflict when one of the same name exists. */
  async create(template: KpiTemplate): Promise<KpiTemplate> {
    throw new Error("Not implemented yet: create");
  }
}

/** Service areas added by procurement officers (the defaults are the domain's). */
export class ServiceAreaRepository {
  constructor(private readonly store: TableStore) {}

  /** Names added, in any order. */
  async list(): Promise<string[]> {
    throw new Error("Not implemented yet: list");
  }

  /** Adds one (insert-if-absent, compared ignoring case); false when it was there. */
  async add(name: string, by: string): Promise<boolean> {
    throw new Error("Not implemented yet: add");
  }
}
