import { odata } from "@azure/data-tables";
import { beforeAll, describe, expect, it, inject } from "vitest";
import type { AwardRecord, DeliveryDigest, DeliverySummary, KpiRecord, KpiTemplate, KpiUpdateRecord, PeriodEntry } from "@toms/domain";
import { AwardRepository } from "./awards.js";
import { DELIVERY_INDEX_TABLE, DeliveryRepository, KPI_TEMPLATES_TABLE, KpiTemplateRepository, SERVICE_AREAS_TABLE, ServiceAreaRepository, type DeliveryPartition } from "./delivery.js";
import { isStorageError, StorageError } from "./errors.js";
import { CONTRACT_SOCIAL_VALUE_TABLE } from "./evaluations.js";
import { TableStore } from "./store.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const prefix = `d${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
const TABLES = [CONTRACT_SOCIAL_VALUE_TABLE, DELIVERY_INDEX_TABLE, KPI_TEMPLATES_TABLE, SERVICE_AREAS_TABLE];
const openStore = () => new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix);

let store: TableStore;
let delivery: DeliveryRepository;
beforeAll(async () => {
  store = openStore();
  await store.ensureTables(TABLES);
  delivery = new DeliveryRepository(store);
});

/** The store, with its transactions in ContractSocialValue counted (each one a try of a change). */
function countingBatches(real: TableStore): { store: TableStore; batches: () => number } {
  let batches = 0;
  const counted = new Proxy(real, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (name !== "batch" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (args[0] === CONTRACT_SOCIAL_VALUE_TABLE) batches++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, batches: () => batches };
}

const AT = "2026-03-01T10:00:00.000Z";

function kpi(contractId: string, overrides: Partial<KpiRecord> = {}): KpiRecord {
  return {
    id: crypto.randomUUID(),
    contractId,
    kind: "kpi",
    title: "Bins collected on the scheduled day",
    unit: "%",
    direction: "higher",
    frequency: "monthly",
    reporter: "supplier",
    versions: [{ fromPeriod: "2026-01", target: 98, tolerance: null, changedAt: AT, changedBy: "tom.brennan" }],
    createdAt: AT,
    createdBy: "tom.brennan",
    updatedAt: AT,
    ...overrides,
  };
}

/** The month `n` months after January 2026, e.g. 0 → "2026-01", 14 → "2027-03". */
const month = (n: number) => `${2026 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;

function update(contractId: string, kpiId: string, period: string, value = 97): KpiUpdateRecord {
  return {
    id: crypto.randomUUID(),
    contractId,
    kpiId,
    period,
    revision: 1,
    value,
    submittedAs: "council",
    submittedBy: "tom.brennan",
    submittedAt: AT,
    idempotencyKey: crypto.randomUUID(),
    requestDigest: "d",
  };
}

function summary(contractId: string, version: number, kpis: KpiRecord[] = [], periods: DeliverySummary["periods"] = {}): DeliverySummary {
  return { contractId, version, kpis, periods, assessments: [], updatedAt: AT };
}

const entry = (u: KpiUpdateRecord): PeriodEntry => ({
  latest: { updateId: u.id, revision: u.revision, status: "accepted", value: u.value, submittedAs: u.submittedAs, submittedAt: u.submittedAt, submittedBy: u.submittedBy },
  accepted: { updateId: u.id, revision: u.revision, value: u.value, submittedAt: u.submittedAt },
});

/** A change that records one update for the next month without one, and adds its period to the summary. */
function recordNextMonth(contractId: string, measure: KpiRecord) {
  return (partition: DeliveryPartition) => {
    const before = partition.summary?.summary ?? summary(contractId, 0, [measure]);
    const periods = before.periods[measure.id] ?? {};
    const recorded = update(contractId, measure.id, month(Object.keys(periods).length));
    const next = summary(contractId, before.version + 1, before.kpis, { [measure.id]: { ...periods, [recorded.period]: entry(recorded) } });
    return { result: recorded.id, writes: [{ kind: "create-update" as const, update: recorded }], summary: next };
  };
}

/** A contract with one KPI stored (and its summary, version 1). */
async function contractWithKpi(repository = delivery) {
  const contractId = crypto.randomUUID();
  const measure = kpi(contractId);
  await repository.change(contractId, () => ({ result: undefined, writes: [{ kind: "create-kpi", kpi: measure }], summary: summary(contractId, 1, [measure]) }));
  return { contractId, measure };
}

const rowsOf = (contractId: string) => store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`PartitionKey eq ${contractId}`);

describe("records split over properties", () => {
  it("stores a summary larger than 64 KiB in parts and reads it back whole, in the partition and in its copy", async () => {
    const contractId = crypto.randomUUID();
    // Emoji (two UTF-16 halves each) at both parities, so the cuts between parts fall among them.
    const kpis = Array.from({ length: 40 }, (_, i) => kpi(contractId, { title: `KPI ${i}`, description: `${"x".repeat(i % 2)}${"\u{1F5D1}".repeat(1_500)} bins` }));
    const big = summary(contractId, 1, kpis);
    expect(JSON.stringify(big).length).toBeGreaterThan(64 * 1024);
    await delivery.change(contractId, () => ({ result: undefined, writes: kpis.map((k) => ({ kind: "create-kpi" as const, kpi: k })), summary: big }));

    expect((await delivery.summary(contractId))?.summary).toEqual(big);
    const partition = await delivery.read(contractId);
    expect(partition.summary?.summary).toEqual(big);
    expect(partition.kpis.map(({ etag: _etag, ...k }) => k)).toEqual([...kpis].sort((a, b) => a.id.localeCompare(b.id)));
    expect((await delivery.summaries()).find((s) => s.contractId === contractId)).toEqual(big);

    const row = await store.get(CONTRACT_SOCIAL_VALUE_TABLE, contractId, "summary");
    const parts = Object.keys(row ?? {}).filter((name) => /^p\d+$/.test(name));
    expect(parts.length).toBeGreaterThan(2);
    expect(row?.version).toBe(1);
    for (const name of parts) {
      const text = String(row?.[name]);
      expect(text.length).toBeLessThanOrEqual(30_000);
      const last = text.charCodeAt(text.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff, `${name} ends in half a character`).toBe(false);
    }
  });

  it("refuses a summary over Azure's 1 MiB, naming the contract, and writes nothing", async () => {
    const contractId = crypto.randomUUID();
    const huge = summary(contractId, 1, Array.from({ length: 30 }, () => kpi(contractId, { description: "y".repeat(20_000) })));
    const attempt = delivery.change(contractId, () => ({ result: undefined, writes: [{ kind: "create-kpi", kpi: kpi(contractId) }], summary: huge }));
    await expect(attempt).rejects.toSatisfy((e) => isStorageError(e, "too-large") && (e as Error).message.startsWith(`The delivery summary of contract ${contractId} is too large to store (`));
    expect(await rowsOf(contractId)).toEqual([]);
  });
});

describe("changes of one contract", () => {
  it("20 parallel changes in one process each land: 20 update rows, the summary counting 20 periods, one transaction each", async () => {
    const counted = countingBatches(store);
    const repository = new DeliveryRepository(counted.store);
    const { contractId, measure } = await contractWithKpi(repository);
    const ids = await Promise.all(Array.from({ length: 20 }, () => repository.change(contractId, recordNextMonth(contractId, measure))));

    const partition = await delivery.read(contractId);
    expect(partition.updates.map((u) => u.id).sort()).toEqual([...ids].sort());
    expect(partition.updates.map((u) => u.period)).toEqual(Array.from({ length: 20 }, (_, i) => month(i)));
    // The contract's own KPI: its updates are not the award's to count.
    expect(partition.award.kpiUpdates).toBe(0);
    expect(partition.summary?.summary.version).toBe(21);
    expect(Object.keys(partition.summary?.summary.periods[measure.id] ?? {})).toHaveLength(20);
    expect((await rowsOf(contractId)).filter((row) => row.rowKey.startsWith("kpi-update:"))).toHaveLength(20);
    // Run one at a time in the process, no change had to be tried again.
    expect(counted.batches()).toBe(21);
    expect(await delivery.copyVersion(contractId)).toBe(21);
    expect((repository as unknown as { running: Map<string, unknown> }).running.size).toBe(0);
  });

  it("two processes racing on one contract lose no write: the ETag sends the loser back to read again", async () => {
    const [first, second] = [countingBatches(openStore()), countingBatches(openStore())];
    const [a, b] = [new DeliveryRepository(first.store), new DeliveryRepository(second.store)];
    const { contractId, measure } = await contractWithKpi(a);
    // 9 each: a change fails only when the other process commits in between, at most 9 times, so
    // none can run out of its 10 tries.
    const ids = await Promise.all(Array.from({ length: 18 }, (_, i) => (i % 2 === 0 ? a : b).change(contractId, recordNextMonth(contractId, measure))));

    const partition = await delivery.read(contractId);
    expect(partition.updates.map((u) => u.id).sort()).toEqual([...ids].sort());
    expect(partition.updates.map((u) => u.period)).toEqual(Array.from({ length: 18 }, (_, i) => month(i)));
    expect(partition.summary?.summary.version).toBe(19);
    expect(Object.keys(partition.summary?.summary.periods[measure.id] ?? {})).toHaveLength(18);
    expect(first.batches() + second.batches()).toBeGreaterThanOrEqual(19);
  });

  it("a change that writes nothing stores nothing, and a failed decision lets the next change run", async () => {
    const contractId = crypto.randomUUID();
    expect(await delivery.change(contractId, () => ({ result: "nothing" }))).toBe("nothing");
    await expect(delivery.change(contractId, () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    const measure = kpi(contractId);
    await delivery.change(contractId, () => ({ result: undefined, writes: [{ kind: "create-kpi", kpi: measure }], summary: summary(contractId, 1, [measure]) }));
    expect((await rowsOf(contractId)).map((row) => row.rowKey).sort()).toEqual([`kpi:${measure.id}`, "summary"]);
  });

  it("refuses more than 98 writes, and a summary that is not the next version, writing nothing", async () => {
    const contractId = crypto.randomUUID();
    const writes = Array.from({ length: 99 }, () => ({ kind: "create-kpi" as const, kpi: kpi(contractId) }));
    await expect(delivery.change(contractId, () => ({ result: undefined, writes, summary: summary(contractId, 1) }))).rejects.toThrow(/^Bug: a change of contract .* writes 99 records/);
    await expect(delivery.change(contractId, () => ({ result: undefined, writes: writes.slice(0, 1), summary: summary(contractId, 2) }))).rejects.toThrow(/not version 1\.$/);
    expect(await rowsOf(contractId)).toEqual([]);
  });

  it("replaces a KPI with the ETag it was read at; a stale ETag is read again and decided again", async () => {
    const { contractId, measure } = await contractWithKpi();
    const [read] = (await delivery.read(contractId)).kpis;
    let decisions = 0;
    await delivery.change(contractId, async (partition) => {
      decisions++;
      // The first time, someone else renames the KPI after this read.
      if (decisions === 1) await new DeliveryRepository(openStore()).change(contractId, (p) => ({ result: undefined, writes: [{ kind: "replace-kpi", kpi: { ...measure, title: "Renamed elsewhere" }, etag: p.kpis[0]?.etag ?? "" }], summary: summary(contractId, 2, [measure]) }));
      const current = partition.kpis[0];
      if (!current || !partition.summary) throw new Error("no KPI");
      const { etag, ...record } = current;
      return { result: undefined, writes: [{ kind: "replace-kpi" as const, kpi: { ...record, title: `${record.title} (checked)` }, etag }], summary: summary(contractId, partition.summary.summary.version + 1, [measure]) };
    });
    expect(decisions).toBe(2);
    const [after] = (await delivery.read(contractId)).kpis;
    expect(after?.title).toBe("Renamed elsewhere (checked)");
    expect(after?.etag).not.toBe(read?.etag);
    expect((await delivery.summary(contractId))?.summary.version).toBe(3);
  });
});

describe("changes beside an award", () => {
  async function awarded() {
    const contractId = crypto.randomUUID();
    const awards = new AwardRepository(store);
    const claim = await awards.claimContract({ claimId: crypto.randomUUID(), evaluationId: crypto.randomUUID(), evaluationReference: "T-1", contractId, bidder: "Beta Ltd", claimedBy: "eve" });
    if (!claim) throw new Error("not claimed");
    const record: AwardRecord = { evaluationId: claim.evaluationId, evaluationReference: "T-1", bidder: "Beta Ltd", contractId, contractReference: "C-1", supplierId: "s", awardedAt: AT, awardedBy: "eve", totalCommittedValue: 10, errorIssues: 0, issuesReviewed: false, supplierConfirmed: false };
    const commitment = { measure: "T-1", name: "Measure", theme: "Social", unit: "hours", committedQuantity: 1, acceptedFraction: 1, proxyValue: 10, committedValue: 10, catalogueVersion: "V1" };
    await awards.writeAward({ contractId, claim, commitments: [], commitmentRows: [], kpiUpdates: 0 }, record, [commitment]);
    return { contractId, awards };
  }

  it("rewrites the award row with each change, so a withdrawal holding the ETag read before fails", async () => {
    const { contractId, awards } = await awarded();
    const before = await awards.contractState(contractId);
    // A commitment tracked like a KPI (a manager changed it, so it is stored): its updates are the award's.
    const measure = kpi(contractId, { kind: "social-value" });
    const partition = await delivery.read(contractId);
    expect(partition.award).toEqual(before);

    await delivery.change(contractId, () => ({ result: undefined, writes: [{ kind: "create-kpi", kpi: measure }], summary: summary(contractId, 1, [measure]) }));
    const afterKpi = await awards.contractState(contractId);
    expect(afterKpi.claim?.etag).not.toBe(before.claim?.etag);
    expect({ ...afterKpi.claim, etag: "" }).toEqual({ ...before.claim, etag: "" });
    await delivery.change(contractId, recordNextMonth(contractId, measure));
    const afterUpdate = await awards.contractState(contractId);
    expect(afterUpdate.claim?.etag).not.toBe(afterKpi.claim?.etag);
    expect(afterUpdate.kpiUpdates).toBe(1);

    // A withdrawal that read the partition before the update: its guarded delete is refused.
    if (!afterKpi.claim) throw new Error("no claim");
    await expect(awards.clearContract({ ...afterKpi, claim: afterKpi.claim })).rejects.toSatisfy((e) => isStorageError(e, "precondition-failed"));
    expect((await awards.contractState(contractId)).claim?.state).toBe("awarded");
    expect((await awards.contractState(contractId)).commitments).toHaveLength(1);
  });

  it("writes nothing once the award was withdrawn after the read, and decides again on what is left", async () => {
    const { contractId, awards } = await awarded();
    const measure = kpi(contractId);
    const seen: boolean[] = [];
    await delivery.change(contractId, async (partition) => {
      seen.push(partition.award.claim !== undefined);
      if (partition.award.claim) await awards.clearContract({ ...partition.award, claim: partition.award.claim });
      return { result: undefined, writes: [{ kind: "create-kpi" as const, kpi: measure }], summary: summary(contractId, 1, [measure]) };
    });
    expect(seen).toEqual([true, false]);
    expect((await rowsOf(contractId)).map((row) => row.rowKey).sort()).toEqual([`kpi:${measure.id}`, "summary"]);
  });
});

describe("copies in DeliveryIndex", () => {
  it("a change whose copies cannot be written is answered as made, and its copies are written before they are next read", async () => {
    let failing = true;
    // Storage refusing the copies' writes (DeliveryIndex) while the change itself goes through.
    const flaky = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if ((name !== "replace" && name !== "create") || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (failing && args[0] === DELIVERY_INDEX_TABLE) return Promise.reject(new StorageError("unavailable", "The service cannot reach its storage just now."));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const repository = new DeliveryRepository(flaky);
    const { contractId, measure } = await contractWithKpi(repository);
    const id = await repository.change(contractId, recordNextMonth(contractId, measure));
    expect((await delivery.read(contractId)).updates.map((u) => u.id)).toEqual([id]);
    expect(await repository.copyVersion(contractId)).toBeUndefined();
    failing = false;
    const digest = (await repository.digests()).find((d) => d.contractId === contractId);
    expect(digest?.version).toBe(2);
    expect(await repository.copyVersion(contractId)).toBe(2);
  });

  const digest = (contractId: string, version: number): DeliveryDigest => ({ contractId, version, kpis: [], assessments: [], socialValue: { committed: version, delivered: 0 } });

  it("never go backwards: version 3, then 2, leaves 3; versions written at once leave the newest", async () => {
    const contractId = crypto.randomUUID();
    await delivery.writeCopies(summary(contractId, 3), digest(contractId, 3));
    await delivery.writeCopies(summary(contractId, 2), digest(contractId, 2));
    expect(await delivery.copyVersion(contractId)).toBe(3);
    expect((await delivery.digests()).find((d) => d.contractId === contractId)).toEqual(digest(contractId, 3));
    expect((await delivery.summaries()).find((s) => s.contractId === contractId)?.version).toBe(3);

    const other = crypto.randomUUID();
    await Promise.all([5, 2, 8, 4, 7].map((v) => new DeliveryRepository(openStore()).writeCopies(summary(other, v), digest(other, v))));
    expect(await delivery.copyVersion(other)).toBe(8);
    expect((await delivery.digests()).find((d) => d.contractId === other)).toEqual(digest(other, 8));
    expect((await delivery.summaries()).find((s) => s.contractId === other)?.version).toBe(8);
  });

  it("has none for a contract never written", async () => {
    expect(await delivery.copyVersion(crypto.randomUUID())).toBeUndefined();
  });
});

describe("bulk load", () => {
  it("writes 1,000 updates with their KPIs, reviews, assessment and notice, reads them back whole, and a reload changes nothing", async () => {
    const contractId = crypto.randomUUID();
    const kpis = Array.from({ length: 10 }, (_, i) => kpi(contractId, { title: `KPI ${i}` }));
    const updates = kpis.flatMap((k) => Array.from({ length: 100 }, (_, i) => update(contractId, k.id, month(i), i)));
    const reviews = updates.slice(0, 3).map((u) => ({ updateId: u.id, decision: "approve" as const, reviewedBy: "tom.brennan", reviewedAt: AT }));
    const assessment = { id: crypto.randomUUID(), contractId, kind: "annual" as const, from: "2026-01-01", to: "2026-12-31", status: "confirmed" as const, kpis: [], createdAt: AT, createdBy: "tom.brennan", confirmedAt: AT, confirmedBy: "tom.brennan" };
    const publication = { assessmentId: assessment.id, publishedAt: AT, publishedBy: "tom.brennan" };
    const load = { kpis, updates, reviews, assessments: [assessment], publications: [publication] };
    const loaded = summary(contractId, 1, kpis);

    await delivery.load(contractId, load, loaded, digest(contractId, 1));
    await delivery.load(contractId, load, loaded, digest(contractId, 1));

    const partition = await delivery.read(contractId);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(partition.updates).toHaveLength(1_000);
    expect([...partition.updates].sort(byId)).toEqual([...updates].sort(byId));
    expect(partition.kpis.map(({ etag: _etag, ...k }) => k).sort(byId)).toEqual([...kpis].sort(byId));
    expect([...partition.reviews].sort((a, b) => a.updateId.localeCompare(b.updateId))).toEqual([...reviews].sort((a, b) => a.updateId.localeCompare(b.updateId)));
    expect(partition.assessments.map(({ etag: _etag, ...a }) => a)).toEqual([assessment]);
    expect(partition.publications).toEqual([publication]);
    expect(partition.summary?.summary).toEqual(loaded);
    expect(partition.award).toMatchObject({ kpiUpdates: (updates.filter((u) => kpis.find((k) => k.id === u.kpiId)?.kind !== "kpi")).length, commitments: [] });
    expect(await rowsOf(contractId)).toHaveLength(1_000 + 10 + 3 + 1 + 1 + 1);
    expect(await delivery.copyVersion(contractId)).toBe(1);
  });

  function digest(contractId: string, version: number): DeliveryDigest {
    return { contractId, version, kpis: [], assessments: [], socialValue: { committed: 0, delivered: 0 } };
  }
});

describe("KPI templates", () => {
  const template = (name: string): KpiTemplate => ({ id: crypto.randomUUID(), name, sector: "waste", description: "Collections", kpis: [{ title: "Missed bins", unit: "per 100,000", target: 30, direction: "lower", frequency: "monthly", reporter: "supplier" }], builtIn: false, createdBy: "rob.amor" });

  it("adds templates, lists them by name, and refuses a second of the same name in any case", async () => {
    const templates = new KpiTemplateRepository(openStore(), () => new Date(AT));
    const name = `Street cleaning ${crypto.randomUUID().slice(0, 6)}`;
    const first = template(`Zz ${name}`);
    const second = template(`Aa ${name}`);
    expect(await templates.create(first)).toEqual({ ...first, createdAt: AT });
    await templates.create(second);
    expect(await templates.get(first.id)).toEqual({ ...first, createdAt: AT });
    const listed = (await templates.list()).filter((t) => t.name.endsWith(name)).map((t) => t.name);
    expect(listed).toEqual([second.name, first.name]);

    const again = template(`  zz ${name.toUpperCase()} `);
    await expect(templates.create(again)).rejects.toSatisfy((e) => isStorageError(e, "conflict") && (e as Error).message === `A KPI template named "zz ${name.toUpperCase()}" already exists.`);
    expect(await templates.get(again.id)).toBeUndefined();
  });
});

describe("service areas", () => {
  it("adds a name once, whatever its case and spaces, keeping it as first written", async () => {
    const areas = new ServiceAreaRepository(openStore(), () => new Date(AT));
    const name = `Highways ${crypto.randomUUID().slice(0, 6)}`;
    expect(await areas.add(`${name} `, "rob.amor")).toBe(true);
    expect(await areas.add(name.toUpperCase(), "amy.admin")).toBe(false);
    expect((await areas.list()).filter((n) => n.toUpperCase() === name.toUpperCase())).toEqual([name]);
    expect(await store.all(SERVICE_AREAS_TABLE, odata`PartitionKey eq ${"area"}`)).toContainEqual(expect.objectContaining({ name, addedBy: "rob.amor", addedAt: AT }));
  });
});
