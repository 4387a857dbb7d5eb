// The change in a year's baseline since an earlier published one, shown only between counts both years published.
import type { BaselineCounts, DiversityBaseline } from "./baseline.js";
import { yearOnYear, type PublishedTable, type PublishedTables } from "./disclosure.js";

/** How a baseline changed since an earlier year's: this year's count minus that year's, `null` where either was suppressed. */
export interface BaselineChange {
  /** The earlier year compared against. */
  year: number;
  /** The change in how many businesses answered. */
  respondents: number;
  characteristics: Record<string, BaselineCounts>;
  sizeBands: BaselineCounts;
  statutorySme: BaselineCounts;
  sectors: BaselineCounts;
  barriers: BaselineCounts;
}

const SIZE_BANDS_ID = "sizeBands";
const STATUTORY_SME_ID = "statutorySme";
const SECTORS_ID = "sector";
const BARRIERS_ID = "barriers";

// The baseline's counts as the tables yearOnYear compares (it reads ids, cells and totals only).
function tablesOf(baseline: DiversityBaseline): PublishedTables {
  const table = (id: string, counts: BaselineCounts, kind: PublishedTable["kind"]): PublishedTable => ({ id, kind, cells: counts.counts, total: counts.answered });
  return {
    respondents: baseline.total,
    threshold: baseline.suppressionThreshold,
    tables: [
      ...Object.entries(baseline.characteristics).map(([id, counts]) => table(`characteristics:${id}`, counts, "partition")),
      table(SIZE_BANDS_ID, baseline.sizeBands, "partition"),
      table(STATUTORY_SME_ID, baseline.statutorySme, "partition"),
      table(SECTORS_ID, baseline.sectors, "partition"),
      table(BARRIERS_ID, baseline.barriers, "multi"),
    ],
  };
}

/**
 * The change from `previous` to `current`, by the rule of `yearOnYear`: a change is shown only where
 * both years' counts were published, since one beside a single published count gives the other away.
 * `previous` must be the baseline as it was published that year (not recomputed since: after an
 * erasure the two would differ by one business).
 *
 * @example
 * baselineChange(baseline2027, published2026).characteristics.womenOwned?.counts.yes; // 12, or null
 */
export function baselineChange(current: DiversityBaseline, previous: DiversityBaseline): BaselineChange {
  const change = yearOnYear(tablesOf(current), tablesOf(previous));
  const byId = new Map(change.tables.map((table) => [table.id, { counts: { ...table.cells }, answered: table.total }]));
  const counts = (id: string): BaselineCounts => byId.get(id) ?? { counts: {}, answered: null };
  return {
    year: previous.year,
    respondents: change.respondents,
    characteristics: Object.fromEntries(Object.keys(current.characteristics).map((id) => [id, counts(`characteristics:${id}`)])),
    sizeBands: counts(SIZE_BANDS_ID),
    statutorySme: counts(STATUTORY_SME_ID),
    sectors: counts(SECTORS_ID),
    barriers: counts(BARRIERS_ID),
  };
}
