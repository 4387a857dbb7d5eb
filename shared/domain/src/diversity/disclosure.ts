// Disclosure control for the diversity baseline: which counts may be published so that nobody can
// be picked out, by reading a small count or by working one out from the totals or the year before.
//
// The rules, and why:
// - Every count from 1 to threshold − 1 is suppressed (primary suppression; ONS uses 10).
// - With fewer respondents than twice the threshold, no count is shown (only the respondents): no
//   question could then be split into two shown parts, and a few suppressed counts beside the
//   respondents can be worked out.
// - A count of 0 is shown. Nobody is in it, so it identifies nobody, and a question everyone
//   answered can then show its total. The price is that a suppressed count is known to be at
//   least 1, so the checks below assume an attacker knows that, and a 0 is never suppressed to
//   protect another cell (it would protect nothing). When only zeros are left to suppress and a
//   cell could still be worked out, the whole table is withheld, zeros included, and it looks like
//   any other table with every count suppressed.
// - Each question is a partition of the respondents: its answers plus "did not answer" add up to
//   the published number of respondents. A question's total is shown only when the number who
//   skipped it could be shown, since total = respondents − skipped. A multi-select answer splits
//   the people who answered the question into those who ticked it and those who did not.
// - Within a partition, more counts are suppressed (secondary suppression, smallest first) until
//   (a) the suppressed counts together make at least the threshold, since their sum can be worked
//   out and is itself a count of people, and (b) each suppressed count could take at least two
//   values given everything published, with an attacker who knows this method and which counts
//   were suppressed for being small: such a count lies in 1..threshold − 1, and one suppressed to
//   protect it is at least the threshold and at most every count still shown.
// - Year on year is published only between two published counts (see `yearOnYear`).

/** The threshold ONS secure research outputs use: counts below it are not published. */
export const DEFAULT_SUPPRESSION_THRESHOLD = 10;

/** Counts of one question's answers for one year, before any suppression. */
export type FrequencyTable =
  | {
      /** The question, e.g. "ethnicMinorityOwned". */
      id: string;
      /** A single-choice question: each respondent who answered is in exactly one cell. */
      kind: "partition";
      /** Answer → number of respondents who gave it. */
      cells: Readonly<Record<string, number>>;
      /** How many answered the question: the sum of the cells. */
      total: number;
    }
  | {
      id: string;
      /** A multi-select question: a respondent may be in several cells, so they need not add up. */
      kind: "multi";
      cells: Readonly<Record<string, number>>;
      /** How many answered the question, when known; each cell is at most this. */
      total?: number;
    };

/** One year's counts: the respondents and a table per question. */
export interface FrequencyTables {
  /** How many responded this year. It is published (it gives the response rate). */
  respondents: number;
  tables: readonly FrequencyTable[];
}

/** A question's counts as published: `null` is a suppressed count. */
export interface PublishedTable {
  id: string;
  kind: FrequencyTable["kind"];
  cells: Readonly<Record<string, number | null>>;
  /** How many answered the question; `null` when suppressed or not known. */
  total: number | null;
}

/** One year's counts as published. */
export interface PublishedTables {
  respondents: number;
  threshold: number;
  tables: readonly PublishedTable[];
}

/** Options for `suppressTables`. */
export interface SuppressionOptions {
  /** Counts from 1 to threshold − 1 are suppressed; at least 3. Default `DEFAULT_SUPPRESSION_THRESHOLD`. */
  threshold?: number;
}

/**
 * Suppresses the counts that could identify someone, and those that would let a suppressed count be
 * worked out, so that what is returned can be published.
 *
 * Throws a `RangeError` on counts that cannot be right (negative, not whole, a partition that does not
 * add up to its total, a total above the respondents): they come from our own aggregation, so such
 * counts are a bug, and publishing them could undo the protection.
 *
 * @example
 * suppressTables({ respondents: 100, tables: [
 *   { id: "ethnicMinorityOwned", kind: "partition", total: 100, cells: { yes: 14, no: 80, "prefer-not-to-say": 6 } },
 * ] });
 * // → tables[0].cells is { yes: null, no: 80, "prefer-not-to-say": null }: 6 is small, and 14 is
 * //   suppressed with it, else 6 = 100 − 14 − 80.
 */
export function suppressTables(input: FrequencyTables, options: SuppressionOptions = {}): PublishedTables {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  // At 2 a count suppressed for being small could only be 1.
  if (!Number.isInteger(threshold) || threshold < 3) throw new RangeError(`The suppression threshold must be a whole number of at least 3; it is ${threshold}.`);
  const { respondents } = input;
  checkCount(respondents, "the number of respondents");
  return { respondents, threshold, tables: input.tables.map((table) => suppressTable(table, respondents, threshold)) };
}

function suppressTable(table: FrequencyTable, respondents: number, threshold: number): PublishedTable {
  checkTable(table, respondents);
  const keys = Object.keys(table.cells);
  const counts = keys.map((key) => table.cells[key] ?? 0);
  // Below twice the threshold no question can be split into two shown parts, and beside the zeros
  // and the respondents the few suppressed counts can be worked out (with 3 respondents, three
  // suppressed counts are 1 each), so nothing is shown.
  if (respondents < 2 * threshold) return withheld(table, keys);
  if (table.kind === "partition") {
    // The last count is those who skipped the question; it is never shown, but the total gives it away.
    const shown = protectPartition([...counts, respondents - table.total], respondents, threshold);
    if (shown === "withheld") return withheld(table, keys);
    return {
      id: table.id,
      kind: table.kind,
      cells: Object.fromEntries(keys.map((key, i) => [key, shown[i] ? counts[i]! : null])),
      total: shown[keys.length] ? table.total : null,
    };
  }
  // A multi-select question: each answer splits those who answered into ticked and not ticked, so
  // it is a partition of the total when the total is shown and of the respondents when it is not.
  // The total is shown when answered versus skipped is safe, and when every answer is safe against
  // it; failing that the answers are read against the respondents; failing that, nothing is shown.
  const answers = (base: number) => counts.map((count) => protectPartition([count, base - count], base, threshold));
  const cells = (shown: ReturnType<typeof answers>) => Object.fromEntries(keys.map((key, i) => [key, shown[i] === "withheld" || !shown[i]![0] ? null : counts[i]!]));
  if (table.total !== undefined) {
    const total = protectPartition([table.total, respondents - table.total], respondents, threshold);
    const shown = answers(table.total);
    if (total !== "withheld" && total[0] && !shown.includes("withheld")) return { id: table.id, kind: table.kind, cells: cells(shown), total: table.total };
  }
  const shown = answers(respondents);
  if (shown.includes("withheld")) return withheld(table, keys);
  return { id: table.id, kind: table.kind, cells: cells(shown), total: null };
}

/**
 * Every count and the total suppressed, zeros included. It is not marked as such: a mark would tell
 * which rare tables got here (9, 9 and 9 skipped of 27 is the only way for two answers).
 */
function withheld(table: FrequencyTable, keys: readonly string[]): PublishedTable {
  return { id: table.id, kind: table.kind, cells: Object.fromEntries(keys.map((key) => [key, null])), total: null };
}

/** Refuses counts that cannot be right; they come from our own aggregation, so they are a bug. */
function checkTable(table: FrequencyTable, respondents: number): void {
  const entries = Object.entries(table.cells);
  for (const [key, count] of entries) checkCount(count, `${table.id}: the count of "${key}"`);
  const answered = table.total ?? respondents;
  if (table.total !== undefined) {
    checkCount(table.total, `${table.id}: the total`);
    if (table.total > respondents) throw new RangeError(`${table.id}: ${table.total} answered, more than the ${respondents} respondents.`);
  }
  if (table.kind === "partition") {
    const sum = entries.reduce((a, [, count]) => a + count, 0);
    if (sum !== table.total) throw new RangeError(`${table.id}: the counts add up to ${sum}, not the total ${table.total}.`);
  } else {
    for (const [key, count] of entries) if (count > answered) throw new RangeError(`${table.id}: ${count} ticked "${key}", more than the ${answered} who answered.`);
  }
}

/**
 * Which counts of a partition (counts adding up to a published sum) can be shown: primary
 * suppression, then secondary suppression smallest first until the suppressed counts are safe, or
 * "withheld" when only zeros are left to suppress and they are still not safe.
 */
function protectPartition(counts: readonly number[], sum: number, threshold: number): boolean[] | "withheld" {
  const status = counts.map((count): Status => (count >= 1 && count < threshold ? "primary" : "shown"));
  for (;;) {
    if (isSafe(counts, status, sum, threshold)) return status.map((s) => s === "shown");
    let next = -1;
    counts.forEach((count, i) => {
      if (status[i] === "shown" && count > 0 && (next < 0 || count < counts[next]!)) next = i;
    });
    if (next < 0) return "withheld";
    status[next] = "secondary";
  }
}

type Status = "shown" | "primary" | "secondary";

/** True when the suppressed counts make at least the threshold together, and each has two possible values. */
function isSafe(counts: readonly number[], status: readonly Status[], sum: number, threshold: number): boolean {
  const hidden = counts.flatMap((_, i) => (status[i] === "shown" ? [] : [i]));
  if (hidden.length === 0) return true;
  const rest = sum - counts.reduce((a, count, i) => (status[i] === "shown" ? a + count : a), 0);
  if (rest < threshold) return false;
  // Counts are suppressed to protect others smallest first, so each is at most every count still shown.
  const smallestShown = Math.min(...counts.filter((count, i) => status[i] === "shown" && count > 0));
  const low = (i: number) => (status[i] === "primary" ? 1 : threshold);
  const high = (i: number) => (status[i] === "primary" ? threshold - 1 : Math.min(rest, smallestShown));
  const lows = hidden.reduce((a, i) => a + low(i), 0);
  const highs = hidden.reduce((a, i) => a + high(i), 0);
  // With only their sum known, each count ranges over every whole number between these ends.
  return hidden.every((i) => Math.min(high(i), rest - (lows - low(i))) - Math.max(low(i), rest - (highs - high(i))) >= 1);
}

function checkCount(count: number, what: string): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${what} must be a whole number of at least 0; it is ${count}.`);
}

/** A change from the previous year's published counts to this year's: `null` where it cannot be shown. */
export interface YearOnYearChange {
  id: string;
  /** Answer → this year's count minus last year's. */
  cells: Readonly<Record<string, number | null>>;
  total: number | null;
}

/** Year on year for one year's published counts against the year before. */
export interface YearOnYear {
  respondents: number;
  tables: readonly YearOnYearChange[];
}

/**
 * The change in each count from the year before, shown only where both years' counts were published.
 *
 * A change beside one year's published count gives the other year's count, so a change touching a
 * suppressed count would undo its suppression; a change between two published counts tells nothing
 * that subtraction does not. Nothing else links the two years, so publishing both years' tables
 * side by side recovers nothing. `previous` must be what was published then, not last year's
 * answers suppressed again today: after an erasure the two versions of last year would differ by
 * one business.
 *
 * @example
 * yearOnYear(thisYear, lastYear).tables[0].cells.no; // 80 − 72 = 8, or null if either was suppressed
 */
export function yearOnYear(current: PublishedTables, previous: PublishedTables): YearOnYear {
  const before = new Map(previous.tables.map((table) => [table.id, table]));
  const change = (now: number | null | undefined, then: number | null | undefined) => (typeof now === "number" && typeof then === "number" ? now - then : null);
  return {
    respondents: current.respondents - previous.respondents,
    tables: current.tables.map((table) => {
      const last = before.get(table.id);
      return {
        id: table.id,
        cells: Object.fromEntries(Object.entries(table.cells).map(([key, count]) => [key, change(count, last?.cells[key])])),
        total: change(table.total, last?.total),
      };
    }),
  };
}
