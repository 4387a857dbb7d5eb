import { describe, expect, it } from "vitest";
import { applyKpiPatch, commitmentKpi, kpiPatchSchema, newKpi, targetFor, type KpiPatch } from "./kpis.js";
import type { KpiRecord } from "./model.js";
import { commitment, contract, kpi } from "./test-support.js";

const term = contract();
const meta = { by: "m-2", at: "2026-06-01T09:00:00.000Z", hasUpdates: false };

function patched(record: KpiRecord, patch: KpiPatch, hasUpdates = false): KpiRecord {
  const result = applyKpiPatch(term, record, kpiPatchSchema.parse(patch), { ...meta, hasUpdates });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.kpi;
}

function refused(record: KpiRecord, patch: KpiPatch, hasUpdates = false) {
  const result = applyKpiPatch(term, record, kpiPatchSchema.parse(patch), { ...meta, hasUpdates });
  return result.ok ? [] : result.errors;
}

describe("a new KPI", () => {
  it("has its first target from the contract's first period of its frequency", () => {
    const created = newKpi({ id: "c-1", startDate: "2026-05-15", endDate: "2028-03-31" }, { title: "Missed bins", unit: "per 100,000", target: 50, direction: "lower", frequency: "quarterly", reporter: "supplier" }, { id: "k-9", by: "m-1", at: "2026-04-01T09:00:00.000Z" });
    expect(created).toEqual({
      id: "k-9",
      contractId: "c-1",
      kind: "kpi",
      title: "Missed bins",
      unit: "per 100,000",
      direction: "lower",
      frequency: "quarterly",
      reporter: "supplier",
      versions: [{ fromPeriod: "2026-Q2", target: 50, tolerance: null, changedAt: "2026-04-01T09:00:00.000Z", changedBy: "m-1" }],
      createdAt: "2026-04-01T09:00:00.000Z",
      createdBy: "m-1",
      updatedAt: "2026-04-01T09:00:00.000Z",
    });
  });
});

describe("targets by version", () => {
  it("a new target from a period applies from it on; earlier periods keep theirs", () => {
    const changed = patched(kpi(), { target: 98, fromPeriod: "2026-10" });
    expect(changed.versions.map((v) => [v.fromPeriod, v.target, v.tolerance])).toEqual([
      ["2026-04", 95, 5],
      ["2026-10", 98, 5],
    ]);
    expect(targetFor(changed, "2026-04")).toEqual({ target: 95, tolerance: 5 });
    expect(targetFor(changed, "2026-09")).toEqual({ target: 95, tolerance: 5 });
    expect(targetFor(changed, "2026-10")).toEqual({ target: 98, tolerance: 5 });
    expect(targetFor(changed, "2028-03")).toEqual({ target: 98, tolerance: 5 });
    expect(changed.versions[1]).toMatchObject({ changedBy: "m-2", changedAt: "2026-06-01T09:00:00.000Z" });
    expect(changed.updatedAt).toBe("2026-06-01T09:00:00.000Z");
  });

  it("replaces the last version when the change is from the same period", () => {
    const once = patched(kpi(), { target: 98, fromPeriod: "2026-10" });
    const twice = patched(once, { tolerance: null, fromPeriod: "2026-10" });
    expect(twice.versions.map((v) => [v.fromPeriod, v.target, v.tolerance])).toEqual([
      ["2026-04", 95, 5],
      ["2026-10", 98, null],
    ]);
  });

  it("resolves no tolerance to 10% of the target's size", () => {
    const record = kpi({ versions: [{ fromPeriod: "2026-04", target: -40, tolerance: null, changedAt: "", changedBy: "" }] });
    expect(targetFor(record, "2026-05")).toEqual({ target: -40, tolerance: 4 });
  });

  it("refuses a change from before the current target's first period", () => {
    const once = patched(kpi(), { target: 98, fromPeriod: "2026-10" });
    expect(refused(once, { target: 99, fromPeriod: "2026-09" })).toEqual([{ field: "fromPeriod", message: "must be on or after 2026-10, the period the current target applies from" }]);
  });

  it("refuses a fromPeriod that is not a period of the KPI within the contract", () => {
    expect(refused(kpi(), { target: 99, fromPeriod: "2026-Q3" })).toEqual([{ field: "fromPeriod", message: "must be a month written as YYYY-MM, e.g. 2026-03" }]);
    expect(refused(kpi(), { target: 99, fromPeriod: "2029-01" })).toEqual([{ field: "fromPeriod", message: "2029-01 is outside the contract (2026-04-01 to 2028-03-31)" }]);
  });

  it("needs a fromPeriod with a new target, and a new target or tolerance with a fromPeriod", () => {
    expect(kpiPatchSchema.safeParse({ target: 1 }).error?.issues.map((i) => i.path.join("."))).toEqual(["fromPeriod"]);
    expect(refused(kpi(), { fromPeriod: "2026-10" })).toEqual([{ field: "fromPeriod", message: "names the first period a new target or tolerance applies to: send target or tolerance with it" }]);
  });
});

describe("other changes to a KPI", () => {
  it("changes the words and who reports it, and drops a description set to nothing", () => {
    const changed = patched(kpi({ description: "Old words" }), { title: "Bins collected on time", reporter: "manager", description: "" });
    expect(changed).toMatchObject({ title: "Bins collected on time", reporter: "manager" });
    expect(changed.description).toBeUndefined();
  });

  it("refuses a new frequency once updates are recorded", () => {
    expect(refused(kpi(), { frequency: "quarterly" }, true)).toEqual([{ field: "frequency", message: "cannot change once updates are recorded: this KPI has updates for its monthly periods; add a new KPI instead" }]);
    expect(refused(kpi(), { frequency: "monthly", title: "Same frequency" }, true)).toEqual([]);
  });

  it("moves each version to the period of the new frequency holding its first day", () => {
    const record = kpi({
      versions: [
        { fromPeriod: "2026-04", target: 95, tolerance: 5, changedAt: "", changedBy: "" },
        { fromPeriod: "2026-08", target: 96, tolerance: 5, changedAt: "", changedBy: "" },
        { fromPeriod: "2026-09", target: 97, tolerance: 5, changedAt: "", changedBy: "" },
        { fromPeriod: "2027-01", target: 98, tolerance: 5, changedAt: "", changedBy: "" },
      ],
    });
    const quarterly = patched(record, { frequency: "quarterly" });
    // 2026-08 and 2026-09 both fall in 2026-Q3: the later target is the one that applied there.
    expect(quarterly.versions.map((v) => [v.fromPeriod, v.target])).toEqual([
      ["2026-Q2", 95],
      ["2026-Q3", 97],
      ["2027-Q1", 98],
    ]);
    expect(quarterly.frequency).toBe("quarterly");
    expect(targetFor(quarterly, "2026-Q4")).toEqual({ target: 97, tolerance: 5 });
  });

  it("never moves the first target before the contract's start", () => {
    const annual = kpi({ frequency: "annual", versions: [{ fromPeriod: "2026", target: 95, tolerance: 5, changedAt: "", changedBy: "" }] });
    expect(patched(annual, { frequency: "monthly" }).versions.map((v) => v.fromPeriod)).toEqual(["2026-04"]);
  });
});

describe("a commitment tracked like a KPI", () => {
  const made = commitmentKpi(term, commitment({ committedQuantity: 100, acceptedFraction: 0.8 }), { id: "sv-1", dueDays: 14 });

  it("is quarterly, supplier-reported, higher better, the accepted quantity spread over the term", () => {
    expect(made).toMatchObject({ kind: "social-value", frequency: "quarterly", reporter: "supplier", direction: "higher", title: "Hours of mentoring", unit: "hours" });
    expect(made.versions).toEqual([{ fromPeriod: "2026-Q2", target: 10, tolerance: null, changedAt: term.createdAt, changedBy: "award" }]);
    expect(commitmentKpi(term, commitment(), { id: "sv-1", frequency: "monthly", dueDays: 14 }).versions[0]).toMatchObject({ fromPeriod: "2026-04", target: 80 / 24 });
  });

  it("spreads the commitment again over a new frequency, and takes no target by hand", () => {
    expect(patched(made, { frequency: "annual" }).versions.map((v) => [v.fromPeriod, v.target])).toEqual([["2026", 80 / 3]]);
    expect(refused(made, { target: 5, fromPeriod: "2026-Q3" }).map((e) => e.field)).toEqual(["target"]);
  });
});
