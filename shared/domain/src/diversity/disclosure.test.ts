import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressTables, yearOnYear, type FrequencyTable, type FrequencyTables, type PublishedTable, type PublishedTables } from "./disclosure.js";

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const partition = (id: string, cells: Record<string, number>, total = sum(Object.values(cells))): FrequencyTable => ({ id, kind: "partition", cells, total });
const only = (respondents: number, table: FrequencyTable, threshold = 10) => suppressTables({ respondents, tables: [table] }, { threshold }).tables[0]!;

describe("suppressing one year's counts (threshold 10)", () => {
  it("suppresses a small cell and the next smallest with it, else it would be the total minus the rest", () => {
    expect(only(100, partition("ethnicMinorityOwned", { yes: 14, no: 80, "prefer-not-to-say": 6 }))).toEqual({
      id: "ethnicMinorityOwned",
      kind: "partition",
      cells: { yes: null, no: 80, "prefer-not-to-say": null },
      total: 100,
    });
  });

  it("suppresses a third cell when two small ones add up to less than the threshold (1 + 1 would read as 1 and 1)", () => {
    expect(only(72, partition("sector", { a: 1, b: 1, c: 30, d: 40 })).cells).toEqual({ a: null, b: null, c: null, d: 40 });
  });

  it("suppresses the total when all the answers are small, and shows the respondents", () => {
    const result = suppressTables({ respondents: 30, tables: [partition("disabledOwned", { yes: 3, no: 4, "prefer-not-to-say": 2 })] });
    expect(result.respondents).toBe(30);
    expect(result.tables[0]).toMatchObject({ cells: { yes: null, no: null, "prefer-not-to-say": null }, total: null });
  });

  it("suppresses the total when few skipped the question, since the total is the respondents minus them", () => {
    expect(only(48, partition("womenLed", { yes: 20, no: 25 }))).toMatchObject({ cells: { yes: null, no: 25 }, total: null });
  });

  it("shows zeros, and never suppresses one to protect another cell", () => {
    // 0 protects nothing: the 5 is protected by the 45 instead, and the table total stays shown.
    expect(only(50, partition("veteranOwned", { yes: 0, no: 45, "prefer-not-to-say": 5 }))).toMatchObject({ cells: { yes: 0, no: null, "prefer-not-to-say": null }, total: 50 });
  });

  it("withholds the whole table, zeros too, when only zeros are left and the small cells add up to a giveaway", () => {
    // 9 + 9 + 9 skipped = 27 with each at most 9 would read as 9, 9 and 9.
    expect(only(27, partition("x", { a: 9, b: 9, c: 0 }))).toEqual({ id: "x", kind: "partition", cells: { a: null, b: null, c: null }, total: null });
  });

  it("shows no count when fewer responded than twice the threshold", () => {
    expect(only(1, partition("x", { a: 1, b: 0 }))).toMatchObject({ cells: { a: null, b: null }, total: null });
    expect(only(19, partition("x", { a: 19, b: 0 }))).toMatchObject({ cells: { a: null, b: null }, total: null });
    expect(only(20, partition("x", { a: 20, b: 0 }))).toMatchObject({ cells: { a: 20, b: 0 }, total: 20 });
  });

  it("treats each answer of a multi-select question as ticked or not among those who answered", () => {
    const barriers: FrequencyTable = { id: "barriers", kind: "multi", total: 50, cells: { latePayment: 30, tenderLength: 4, insurance: 48, none: 0 } };
    // 4 is small; 48 leaves 2 who did not tick it; 50 answered and 10 skipped.
    expect(only(60, barriers)).toEqual({ id: "barriers", kind: "multi", cells: { latePayment: 30, tenderLength: null, insurance: null, none: 0 }, total: 50 });
  });

  it("suppresses a multi-select total when few skipped, and then reads each answer against the respondents", () => {
    const barriers: FrequencyTable = { id: "barriers", kind: "multi", total: 55, cells: { latePayment: 30, insurance: 50 } };
    // 60 − 50 = 10 is not small, so 50 shows though 55 − 50 = 5 would have been.
    expect(only(60, barriers)).toMatchObject({ cells: { latePayment: 30, insurance: 50 }, total: null });
  });

  it("uses the threshold it is given", () => {
    expect(only(100, partition("x", { a: 14, b: 80, c: 6 }), 5).cells).toEqual({ a: 14, b: 80, c: 6 });
  });

  it("refuses counts that cannot be right, saying which", () => {
    expect(() => only(100, partition("x", { a: 14, b: 80 }, 90))).toThrow('x: the counts add up to 94, not the total 90.');
    expect(() => only(50, partition("x", { a: 14, b: 80 }))).toThrow("x: 94 answered, more than the 50 respondents.");
    expect(() => only(50, { id: "m", kind: "multi", total: 20, cells: { a: 21 } })).toThrow('m: 21 ticked "a", more than the 20 who answered.');
    expect(() => only(50, partition("x", { a: -1, b: 51 }))).toThrow('x: the count of "a" must be a whole number of at least 0; it is -1.');
    // At 2, a count suppressed for being small could only be 1.
    expect(() => suppressTables({ respondents: 5, tables: [] }, { threshold: 2 })).toThrow("The suppression threshold must be a whole number of at least 3; it is 2.");
  });
});

describe("year on year", () => {
  const published = (respondents: number, cells: Record<string, number | null>, total: number | null): PublishedTables => ({
    respondents,
    threshold: 10,
    tables: [{ id: "ethnicMinorityOwned", kind: "partition", cells, total }],
  });

  it("is shown only between two published counts", () => {
    const before = published(90, { yes: null, no: 72, other: 12, "prefer-not-to-say": null }, 90);
    const now = published(100, { yes: 14, no: 80, other: null, "prefer-not-to-say": null }, 100);
    expect(yearOnYear(now, before)).toEqual({ respondents: 10, tables: [{ id: "ethnicMinorityOwned", cells: { yes: null, no: 8, other: null, "prefer-not-to-say": null }, total: 10 }] });
  });

  it("shows nothing for a question or answer that was not asked the year before", () => {
    const before: PublishedTables = { respondents: 90, threshold: 10, tables: [] };
    expect(yearOnYear(published(100, { yes: 14 }, 100), before).tables).toEqual([{ id: "ethnicMinorityOwned", cells: { yes: null }, total: null }]);
  });

  it("comes from this year's suppression against last year's", () => {
    const lastYear = suppressTables({ respondents: 90, tables: [partition("q", { yes: 12, no: 70, other: 8 })] });
    const thisYear = suppressTables({ respondents: 100, tables: [partition("q", { yes: 14, no: 80, other: 6 })] });
    // Last year 8 took 12 with it; this year 6 takes 14.
    expect(yearOnYear(thisYear, lastYear).tables[0]).toEqual({ id: "q", cells: { yes: null, no: 10, other: null }, total: 10 });
  });
});

// The attacker, written apart from the code under test. From what is published (and, to be
// stronger than a real one, knowing why each count was suppressed), it lists every value each
// unknown count could take: each unknown has bounds, and the unknowns of one partition add up to
// what the published numbers leave. It enumerates the sums reachable by the other unknowns rather
// than assuming they form a range.
interface Unknown {
  lo: number;
  hi: number;
  truth: number;
}

function feasible(unknowns: readonly Unknown[], total: number): number[][] {
  const reach = (from: readonly Unknown[]) => {
    const sets = [new Set([0])];
    for (const u of from) {
      const next = new Set<number>();
      for (const s of sets[sets.length - 1]!) for (let v = u.lo; v <= Math.min(u.hi, total - s); v++) next.add(s + v);
      sets.push(next);
    }
    return sets;
  };
  const prefix = reach(unknowns);
  const suffix = reach([...unknowns].reverse()).reverse();
  return unknowns.map((u, i) => {
    const values: number[] = [];
    for (let v = u.lo; v <= Math.min(u.hi, total); v++) {
      if ([...prefix[i]!].some((s) => suffix[i + 1]!.has(total - v - s))) values.push(v);
    }
    return values;
  });
}

/** The unknowns of each partition an attacker can write down for one published table, with the sum they must make. */
function partitions(input: FrequencyTable, out: PublishedTable, respondents: number, threshold: number): { unknowns: Unknown[]; total: number }[] {
  const small = (n: number) => n >= 1 && n < threshold;
  // Knowing the method and why each count was suppressed: a small one is 1..threshold − 1; one
  // suppressed to protect it is at least the threshold and, as they go smallest first, at most
  // every non-zero count still shown beside it. Otherwise a count is at least 1 (zeros are shown)
  // unless it is one never shown (a skip count, or those who did not tick an answer). A table with
  // nothing shown does not say why, so there the counts are only at least 0.
  const told = Object.values(out.cells).some((n) => n !== null) || out.total !== null;
  const unknown = (truth: number, floor: number, shown: readonly number[], why = told): Unknown => {
    if (!why) return { lo: 0, hi: Infinity, truth };
    if (small(truth)) return { lo: 1, hi: threshold - 1, truth };
    if (truth < threshold) return { lo: floor, hi: Infinity, truth };
    return { lo: threshold, hi: Math.min(Infinity, ...shown.filter((n) => n > 0)), truth };
  };
  const keys = Object.keys(input.cells);
  const counts = keys.map((key) => input.cells[key]!);
  if (input.kind === "partition") {
    const shown = keys.flatMap((key) => (out.cells[key] === null ? [] : [out.cells[key]!]));
    if (out.total !== null) shown.push(respondents - out.total);
    const unknowns = keys.flatMap((key, i) => (out.cells[key] === null ? [unknown(counts[i]!, 1, shown)] : []));
    if (out.total === null) unknowns.push(unknown(respondents - input.total, 0, shown));
    return [{ unknowns, total: respondents - sum(shown) }];
  }
  const result: { unknowns: Unknown[]; total: number }[] = [];
  if (out.total === null && input.total !== undefined) {
    result.push({ unknowns: [unknown(input.total, 0, []), unknown(respondents - input.total, 0, [])], total: respondents });
  }
  const base = out.total ?? respondents;
  keys.forEach((key, i) => {
    if (out.cells[key] === null) result.push({ unknowns: [unknown(counts[i]!, 1, []), unknown(base - counts[i]!, 0, [])], total: base });
  });
  return result;
}

/** A count from 0 to 40, mostly small, for tables full of small cells. */
const count = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 40 }));

/** A year's tables: partitions of the respondents into 2 to 8 answers plus the skips, and multi-select tables. */
const years: fc.Arbitrary<{ input: FrequencyTables; threshold: number }> = fc
  .record({ threshold: fc.integer({ min: 3, max: 12 }), first: fc.array(count, { minLength: 3, maxLength: 9 }) })
  .chain(({ threshold, first }) => {
    const respondents = sum(first);
    const cuts = fc.integer({ min: 2, max: 8 }).chain((k) => fc.array(fc.integer({ min: 0, max: respondents }), { minLength: k, maxLength: k }));
    const multi = fc.option(fc.integer({ min: 0, max: respondents }), { nil: undefined }).chain((total) => {
      const answered = total ?? respondents;
      const cell = fc.oneof(fc.integer({ min: 0, max: Math.min(3, answered) }), fc.integer({ min: 0, max: answered }), fc.integer({ min: Math.max(0, answered - 3), max: answered }));
      return fc.record({ total: fc.constant(total), cells: fc.array(cell, { minLength: 1, maxLength: 6 }) });
    });
    return fc.record({ threshold: fc.constant(threshold), first: fc.constant(first), others: fc.array(cuts, { maxLength: 2 }), multis: fc.array(multi, { maxLength: 2 }) }).map(({ first, others, multis }) => {
      const asPartition = (id: string, parts: readonly number[]): FrequencyTable => {
        // The last part is those who skipped the question.
        const cells = Object.fromEntries(parts.slice(0, -1).map((n, i) => [`answer${i}`, n]));
        return { id, kind: "partition", cells, total: sum(parts.slice(0, -1)) };
      };
      const fromCuts = (points: readonly number[]) => {
        const sorted = [...points].sort((a, b) => a - b);
        return [...sorted, respondents].map((p, i) => p - (i === 0 ? 0 : sorted[i - 1]!));
      };
      const tables: FrequencyTable[] = [
        asPartition("first", first),
        ...others.map((points, i) => asPartition(`other${i}`, fromCuts(points))),
        ...multis.map(({ total, cells }, i): FrequencyTable => ({ id: `multi${i}`, kind: "multi", total, cells: Object.fromEntries(cells.map((n, j) => [`tick${j}`, n])) })),
      ];
      return { threshold, input: { respondents, tables } };
    });
  });

describe("an attacker working from what is published", () => {
  it("cannot pin down any suppressed count, and sees no small count", () => {
    fc.assert(
      fc.property(years, ({ input, threshold }) => {
        const out = suppressTables(input, { threshold });
        input.tables.forEach((table, t) => {
          const published = out.tables[t]!;
          const shown = [...Object.values(published.cells), published.total].filter((n): n is number => n !== null);
          for (const n of shown) expect(n === 0 || n >= threshold).toBe(true);
          for (const [key, n] of Object.entries(published.cells)) if (n !== null) expect(n).toBe(table.cells[key]);
          for (const { unknowns, total } of partitions(table, published, input.respondents, threshold)) {
            // What the suppressed counts of a partition make together is itself a count of people.
            if (input.respondents >= 2 * threshold) expect(total === 0 || total >= threshold).toBe(true);
            feasible(unknowns, total).forEach((values, i) => {
              expect(values).toContain(unknowns[i]!.truth);
              // With nobody responding there is nobody to identify, and every count is 0.
              if (input.respondents === 0) return;
              expect(values.length, `${table.id}: ${JSON.stringify(table)} → ${JSON.stringify(published)}`).toBeGreaterThanOrEqual(2);
            });
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it("would catch a count left recoverable", () => {
    // The attacker itself: one small cell beside its total, published as if only it were suppressed.
    const table = partition("x", { a: 14, b: 80, c: 6 });
    const leaky: PublishedTable = { id: "x", kind: "partition", cells: { a: 14, b: 80, c: null }, total: 100 };
    const [{ unknowns, total }] = partitions(table, leaky, 100, 10) as [{ unknowns: Unknown[]; total: number }];
    expect(feasible(unknowns, total)).toEqual([[6]]);
    expect(feasible([{ lo: 1, hi: 9, truth: 1 }, { lo: 1, hi: 9, truth: 1 }], 2)).toEqual([[1], [1]]);
  });
});

describe("an attacker who knows the method and tries every possible table", () => {
  // For small questions, every way the respondents could have answered (and skipped), grouped by
  // what would be published: within a group, each suppressed count must differ somewhere.
  const everyTable = (answers: number, respondents: number): number[][] => {
    if (answers === 0) return [[respondents]];
    return Array.from({ length: respondents + 1 }, (_, v) => everyTable(answers - 1, respondents - v).map((rest) => [v, ...rest])).flat();
  };
  for (const threshold of [3, 5, 10]) {
    for (const answers of [2, 3]) {
      it(`learns no suppressed count of a question with ${answers} answers at threshold ${threshold}, up to ${3 * threshold} respondents`, () => {
        for (let respondents = 1; respondents <= 3 * threshold; respondents++) {
          const groups = new Map<string, number[][]>();
          for (const parts of everyTable(answers, respondents)) {
            const cells = Object.fromEntries(parts.slice(0, -1).map((n, i) => [`answer${i}`, n]));
            const out = only(respondents, partition("q", cells), threshold);
            const key = JSON.stringify([...Object.values(out.cells), out.total]);
            groups.set(key, [...(groups.get(key) ?? []), parts]);
          }
          for (const [key, inputs] of groups) {
            const published = JSON.parse(key) as (number | null)[];
            // The last place is the total, standing for the skip count it gives away.
            published.forEach((n, i) => {
              if (n === null) expect(new Set(inputs.map((parts) => parts[i])).size, `${respondents} respondents, ${key} from ${JSON.stringify(inputs)}`).toBeGreaterThanOrEqual(2);
            });
          }
        }
      });
    }
  }
});

describe("an attacker who knows the method and tries every possible multi-select table", () => {
  const cases: [threshold: number, answers: number][] = [[3, 1], [3, 2], [5, 1], [5, 2], [10, 1]];
  for (const [threshold, answers] of cases) {
    it(`learns no suppressed count of a question with ${answers} tickable answers at threshold ${threshold}, up to ${3 * threshold} respondents`, () => {
      for (let respondents = 1; respondents <= 3 * threshold; respondents++) {
        const groups = new Map<string, number[][]>();
        for (let answered = 0; answered <= respondents; answered++) {
          const ticks = answers === 1 ? Array.from({ length: answered + 1 }, (_, a) => [a]) : Array.from({ length: (answered + 1) ** 2 }, (_, n) => [n % (answered + 1), Math.floor(n / (answered + 1))]);
          for (const counts of ticks) {
            const table: FrequencyTable = { id: "m", kind: "multi", total: answered, cells: Object.fromEntries(counts.map((n, i) => [`tick${i}`, n])) };
            const out = only(respondents, table, threshold);
            const key = JSON.stringify([...Object.values(out.cells), out.total]);
            groups.set(key, [...(groups.get(key) ?? []), [...counts, answered]]);
          }
        }
        for (const [key, inputs] of groups) {
          (JSON.parse(key) as (number | null)[]).forEach((n, i) => {
            if (n === null) expect(new Set(inputs.map((parts) => parts[i])).size, `${respondents} respondents, ${key} from ${JSON.stringify(inputs)}`).toBeGreaterThanOrEqual(2);
          });
        }
      }
    });
  }
});
