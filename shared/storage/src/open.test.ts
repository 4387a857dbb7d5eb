import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Journal } from "./journal.js";
import { openStorage, type OpenStorage } from "./open.js";

// The embedded storage in this process: the journal is trimmed once Azurite has saved, and what
// was trimmed or not, nothing acknowledged is lost when Azurite is killed and restarted.
const dataDir = mkdtempSync(join(tmpdir(), "toms-open-"));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const open = () => openStorage({ dataDir, tablePrefix: "t", log: quiet, role: "service", journal: { saveMarginMs: 200, checkEveryMs: 200 } }, ["Things"]);
let storage: OpenStorage | undefined;

afterAll(async () => {
  await storage?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const segments = () => readdirSync(join(dataDir, "journal")).filter((f) => f.endsWith(".jsonl"));
const azuritePid = (folder = dataDir) => (JSON.parse(readFileSync(join(folder, "azurite.json"), "utf8")) as { azuritePid: number }).azuritePid;

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("embedded storage", () => {
  it("trims the journal once Azurite has saved, and loses nothing when Azurite is killed", async () => {
    storage = await open();
    await storage.store.create("Things", { partitionKey: "p", rowKey: "saved", title: "before the save" }, "The thing");
    expect(segments()).toHaveLength(1);
    // Azurite saves within 5 s; then the checkpoint passes the entry and its segment goes.
    await until(() => segments().length === 0, "the journal to be trimmed");

    await storage.store.create("Things", { partitionKey: "p", rowKey: "unsaved", title: "after the save" }, "The thing");
    const first = azuritePid();
    process.kill(first, "SIGKILL");
    await until(() => azuritePid() !== first, "Azurite to be restarted");
    // Waits behind the paused store until the replay is done.
    expect(await storage.store.get("Things", "p", "unsaved")).toMatchObject({ title: "after the save" });
    expect(await storage.store.get("Things", "p", "saved")).toMatchObject({ title: "before the save" });

    await storage.close();
    storage = await open();
    expect(await storage.store.get("Things", "p", "unsaved")).toMatchObject({ title: "after the save" });
    expect(await storage.store.get("Things", "p", "saved")).toMatchObject({ title: "before the save" });
  }, 60_000);
});

describe("embedded storage whose Azurite dies before its first save", () => {
  it("comes back with every table, written to or not, and every acknowledged write", async () => {
    const folder = mkdtempSync(join(tmpdir(), "toms-open-early-"));
    const early = await openStorage({ dataDir: folder, tablePrefix: "t", log: quiet, role: "service" }, ["Things", "Others"]);
    try {
      await early.store.create("Things", { partitionKey: "p", rowKey: "early", title: "acknowledged" }, "The thing");
      // Azurite saves every 5 s: killed at once, it has saved neither the table nor the row.
      const first = azuritePid(folder);
      process.kill(first, "SIGKILL");
      await until(() => azuritePid(folder) !== first, "Azurite to be restarted");
      expect(await early.store.get("Things", "p", "early")).toMatchObject({ title: "acknowledged" });
      // A table nothing was written to before the kill: made at the start, and not journalled.
      await early.store.create("Others", { partitionKey: "p", rowKey: "after", title: "after the restart" }, "The other thing");
      expect(await early.store.get("Others", "p", "after")).toMatchObject({ title: "after the restart" });
    } finally {
      await early.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("closing the embedded storage", () => {
  const folder = mkdtempSync(join(tmpdir(), "toms-close-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const openHere = () => openStorage({ dataDir: folder, tablePrefix: "t", log: quiet, exclusive: true }, ["Things"]);

  it("says it saved after Azurite's clean stop", async () => {
    const opened = await openHere();
    await opened.store.create("Things", { partitionKey: "p", rowKey: "a", title: "kept" }, "The thing");
    expect(await opened.close()).toEqual({ saved: true });
  }, 30_000);

  it("says it did not save when Azurite died and was restarted from the journal while it was open", async () => {
    const opened = await openHere();
    const first = azuritePid(folder);
    process.kill(first, "SIGKILL");
    await until(() => azuritePid(folder) !== first, "Azurite to be restarted");
    await opened.store.create("Things", { partitionKey: "p", rowKey: "after", title: "after the restart" }, "The thing");
    expect(await opened.close()).toEqual({ saved: false });
  }, 40_000);

  it("says it did not save when Azurite does not stop cleanly (it hangs, and is killed after 15 s)", async () => {
    const opened = await openHere();
    const pid = azuritePid(folder);
    // A stopped process gets SIGINT only once it runs again: it never does, so the stop ends in SIGKILL.
    process.kill(pid, "SIGSTOP");
    expect(await opened.close()).toEqual({ saved: false });
  }, 40_000);
});

describe("embedded storage restarted while the journal owes a refused write", () => {
  it("drops the refused write's line, so that it does not come back at the next restart beside the change made again", async () => {
    const folder = mkdtempSync(join(tmpdir(), "toms-open-owed-"));
    // The journal's folder through a link, so that the test can take it away and give it back
    // (on a full disk its writes fail with ENOSPC; here, opening its first file fails with ENOENT).
    const journalFiles = join(folder, "journal-files");
    mkdirSync(journalFiles);
    symlinkSync(journalFiles, join(folder, "journal"));
    const owed = await openStorage({ dataDir: folder, tablePrefix: "t", log: quiet, role: "service" }, ["Things"]);
    try {
      // The table was made at the start and is not journalled: once Azurite has saved it, it survives the kills below.
      const saved = join(folder, "azurite", "__azurite_db_table__.json");
      await until(() => existsSync(saved) && readFileSync(saved, "utf8").includes("tThings"), "Azurite to save the new table");
      rmSync(journalFiles, { recursive: true });
      // In storage, but refused (never acknowledged): its line is owed.
      await expect(owed.store.create("Things", { partitionKey: "p", rowKey: "refused", title: "refused" }, "The thing")).rejects.toThrow();
      mkdirSync(journalFiles);
      // Azurite dies (on a full disk it does, at its next save) and is started again from the journal.
      const first = azuritePid(folder);
      process.kill(first, "SIGKILL");
      await until(() => azuritePid(folder) !== first, "Azurite to be restarted");
      // Before the fix: refused as disk-full here (the owed line), then written and replayed below.
      const kept = (await owed.store.get("Things", "p", "refused")) !== undefined;
      await owed.store.create("Things", { partitionKey: "p", rowKey: "remade", title: "made again" }, "The thing");
      const second = azuritePid(folder);
      process.kill(second, "SIGKILL");
      await until(() => azuritePid(folder) !== second, "Azurite to be restarted again");
      // Whether Azurite had saved it before it died or not, the second restart agrees with the first.
      expect((await owed.store.get("Things", "p", "refused")) !== undefined).toBe(kept);
      expect(await owed.store.get("Things", "p", "remade")).toMatchObject({ title: "made again" });
      const journalled = new Journal(join(folder, "journal")).pendingEntries().flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.rowKey : ""));
      expect(journalled).toEqual(["remade"]);
    } finally {
      await owed.close();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
