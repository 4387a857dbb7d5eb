import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_MONEY_LABEL, type Catalogue, type Principal } from "@toms/domain";
import { CatalogueRepository, CATALOGUE_VERSIONS_TABLE, connectStorage, type Storage, type TableStore } from "@toms/storage";
import { createAppDeps, type AppDeps } from "../deps.js";
import { publishCatalogues } from "./publish-catalogues.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

// The use case itself, over the test run's Azurite: what no route's or command's own check covers.
const tag = crypto.randomUUID().slice(0, 6);
let storage: Storage;
let deps: AppDeps;
beforeAll(async () => {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix: `p${tag.replace(/-/g, "")}`, log });
  deps = createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL });
});
afterAll(() => storage.close());

const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };
const catalogue = (version: string, proxyValue = 10): Catalogue => ({
  version,
  measures: [{ code: "P-1", theme: "Economic", outcomes: ["Jobs"], name: "Local jobs", unit: "FTE years", proxyValue, source: "Test" }],
});

describe("publishCatalogues", () => {
  it("publishes only for procurement officers: an evaluator's file writes nothing", async () => {
    const version = `F-${tag}`;
    const evaluator: Principal = { userId: "eve", name: "Eve", roles: ["evaluator"] };
    const outcome = await publishCatalogues(deps, evaluator, { ok: true, catalogues: [catalogue(version)] });
    expect(outcome).toEqual({ ok: false, kind: "forbidden", message: "Only procurement officers (admin) can publish catalogue versions." });
    expect(await storage.catalogues.get(version)).toBeUndefined();
  });

  it("records the caller as the publisher", async () => {
    const version = `B-${tag}`;
    const outcome = await publishCatalogues(deps, admin, { ok: true, catalogues: [catalogue(version)] });
    expect(outcome).toMatchObject({ ok: true, value: { published: [{ version, publishedBy: "rob.amor", measureCount: 1 }], unchanged: [] } });
    expect((await storage.catalogues.versions()).find((v) => v.version === version)?.publishedBy).toBe("rob.amor");
  });

  it("names the file's problems by row and column", async () => {
    const outcome = await publishCatalogues(deps, admin, { ok: false, problems: [{ row: 2, column: "Unit", message: "the unit is empty." }], unlisted: 0, name: "new.csv" });
    expect(outcome).toEqual({ ok: false, kind: "invalid", message: 'new.csv has a problem: Row 2, column "Unit": the unit is empty.', errors: [{ field: "row 2, Unit", message: "the unit is empty." }] });
  });

  it("reads a new version's row once: the look-up, not again before it claims", async () => {
    const version = `N-${tag}`;
    const reads: string[] = [];
    const counting = Object.assign(Object.create(storage.store) as TableStore, {
      get: (table: string, partitionKey: string, rowKey: string) => {
        if (table === CATALOGUE_VERSIONS_TABLE) reads.push(rowKey);
        return storage.store.get(table, partitionKey, rowKey);
      },
    });
    const catalogues = new CatalogueRepository(counting);
    const outcome = await publishCatalogues({ ...deps, storage: { ...storage, catalogues } }, admin, { ok: true, catalogues: [catalogue(version)] });
    expect(outcome).toMatchObject({ ok: true, value: { published: [{ version }] } });
    expect(reads).toEqual([version]);
    expect((await new CatalogueRepository(storage.store).get(version))?.measures.map((m) => m.code)).toEqual(["P-1"]);
  });

  it("names what it published before it found a version published meanwhile with other measures", async () => {
    const [first, taken] = [`M-${tag}.1`, `M-${tag}.2`];
    await publishCatalogues(deps, admin, { ok: true, catalogues: [catalogue(taken, 99)] });
    // As if the other publisher wrote `taken` after this one looked it up and found nothing.
    const lookedUpBefore: AppDeps = { ...deps, storage: { ...storage, catalogues: Object.assign(Object.create(storage.catalogues) as Storage["catalogues"], { get: () => Promise.resolve(undefined) }) } };
    const outcome = await publishCatalogues(lookedUpBefore, admin, { ok: true, catalogues: [catalogue(first), catalogue(taken)], name: "history.csv" });
    expect(outcome).toEqual({
      ok: false,
      kind: "conflict",
      message: `Version ${taken} is already published with different measures, and a published version never changes. Give the new values a new version. Published meanwhile: ${first}.`,
    });
    expect((await storage.catalogues.get(taken))?.measures[0]?.proxyValue).toBe(99);
    expect((await storage.catalogues.get(first))?.measures[0]?.proxyValue).toBe(10);
  });
});
