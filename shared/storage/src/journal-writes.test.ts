// The journal's writes through its `open` seam: real files in a temporary folder, whose fsyncs a
// test can hold and whose writes it can make fail as on a full disk (ENOSPC), to see what reads
// and writes through the store do meanwhile.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { isStorageError } from "./errors.js";
import { Journal, type JournalFile } from "./journal.js";
import { TableStore } from "./store.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "toms-journal-writes-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Opens real files. While `full`, a write takes what is left of `room` bytes (a torn line) and
 * then fails with ENOSPC, as on a full disk; `holdSync` holds the next fsync. */
function controlledFiles() {
  const state = { full: false, room: 0, writes: 0 };
  let held: { reached: () => void; release: Promise<void> } | undefined;
  const openFile = async (path: string, flags: string, mode?: number): Promise<JournalFile> => {
    const real = await open(path, flags, mode);
    return {
      write: async (buffer, offset, length) => {
        state.writes++;
        if (!state.full) return real.write(buffer, offset, length);
        if (state.room === 0) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        const taken = Math.min(length, state.room);
        state.room -= taken;
        return real.write(buffer, offset, taken);
      },
      datasync: async () => {
        const hold = held;
        held = undefined;
        if (hold) {
          hold.reached();
          await hold.release;
        }
        await real.datasync();
      },
      sync: () => real.sync(),
      truncate: (length) => real.truncate(length),
      close: () => real.close(),
    };
  };
  /** Holds the next fsync until released; `reached` resolves once a write is waiting on it. */
  const holdSync = () => {
    let reached!: () => void;
    let release!: () => void;
    const reachedPromise = new Promise<void>((resolve) => (reached = resolve));
    held = { reached, release: new Promise<void>((resolve) => (release = resolve)) };
    return { reached: reachedPromise, release };
  };
  return { state, open: openFile, holdSync };
}

const upsert = (rowKey: string) => ({ op: "upsert" as const, table: "tomsContracts", entity: { partitionKey: "contract", rowKey, title: "x" } });
const rows = (dir: string) => new Journal(dir).pendingEntries().flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.rowKey : ""));
const segments = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".jsonl"));
const diskFull = (error: unknown) => isStorageError(error, "disk-full");
const RETRY_MS = 5_000;
/** Every line of every segment is a whole entry: no torn line was left in the middle of a file. */
const everyLineWhole = (dir: string) =>
  segments(dir).every((name) => readFileSync(join(dir, name), "utf8").split("\n").slice(0, -1).every((line) => { try { JSON.parse(line); return true; } catch { return false; } }));
const prefix = () => `w${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;

describe("reads through the store while the journal writes", () => {
  it("holds a read made during a write's fsync until that write is on disk, and answers it then", async () => {
    const files = controlledFiles();
    const journal = new Journal(freshDir(), { open: files.open });
    const tables = prefix();
    const store = new TableStore({ connectionString: inject("azuriteConnectionString") }, tables, journal);
    await store.ensureTables(["Things"]);
    await store.create("Things", { partitionKey: "p", rowKey: "before", title: "kept" }, "The thing");

    const fsync = files.holdSync();
    let acknowledged = false;
    const writing = store.create("Things", { partitionKey: "p", rowKey: "during", title: "new" }, "The thing").then(() => (acknowledged = true));
    await fsync.reached;
    // The row is in storage already: a retry of the same submission reading it now must not be
    // answered before the write's line is on disk.
    let read = false;
    const reading = store.get("Things", "p", "during").then((row) => ((read = true), row));
    let whole = false;
    void journal.whole().then(() => (whole = true));
    // Read outside the journal: the row is in storage, and a read not held would have come back by now.
    expect(await new TableStore({ connectionString: inject("azuriteConnectionString") }, tables).get("Things", "p", "during")).toMatchObject({ title: "new" });
    expect(whole).toBe(false);
    expect(read).toBe(false);
    expect(acknowledged).toBe(false);
    fsync.release();
    await writing;
    expect(acknowledged).toBe(true);
    expect(await reading).toMatchObject({ title: "new" });
    // Nothing in flight: a read goes on at once.
    expect(await store.get("Things", "p", "before")).toMatchObject({ title: "kept" });
    await journal.close();
  }, 10_000);
});

describe("the journal on a disk that stays full (ENOSPC, not a per-file limit)", () => {
  it("opens no new file per request, refuses at once between retries every few seconds, and writes the owed lines once writes succeed", async () => {
    const dir = freshDir();
    const files = controlledFiles();
    let now = 1_000_000;
    const journal = new Journal(dir, { open: files.open, now: () => now, retryEveryMs: RETRY_MS });
    await journal.append([upsert("c:1")]);
    files.state.full = true;
    files.state.room = 30;
    await expect(journal.append([upsert("c:2")])).rejects.toSatisfy(diskFull);
    const files0 = segments(dir);
    const writes = files.state.writes;

    // Every read and health check asks whole(): between retries each is refused at once, without touching the disk.
    for (let i = 0; i < 20; i++) await expect(journal.whole()).rejects.toSatisfy(diskFull);
    expect(files.state.writes).toBe(writes);
    // Every few seconds one retry, each in the same file (before the fix: a new file per request).
    for (let i = 0; i < 5; i++) {
      now += RETRY_MS;
      files.state.room = 30;
      await expect(journal.whole()).rejects.toSatisfy(diskFull);
      await expect(journal.whole()).rejects.toSatisfy(diskFull);
    }
    expect(files.state.writes).toBeGreaterThan(writes);
    expect(segments(dir).length).toBeLessThanOrEqual(files0.length + 1);

    // Room again: the next retry writes the owed line, and the journal goes on by itself.
    files.state.full = false;
    now += RETRY_MS;
    await journal.whole();
    await journal.append([upsert("c:3")]);
    await journal.close();
    expect(segments(dir)).toHaveLength(2);
    expect(everyLineWhole(dir)).toBe(true);
    expect(rows(dir)).toEqual(["c:1", "c:2", "c:3"]);
  });

  it("refuses every read and write through the store as disk-full once a write could not be journalled, until its line is written", async () => {
    const files = controlledFiles();
    let now = 1_000_000;
    const dir = freshDir();
    const journal = new Journal(dir, { open: files.open, now: () => now, retryEveryMs: RETRY_MS });
    const store = new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix(), journal);
    await store.ensureTables(["Things"]);
    await store.create("Things", { partitionKey: "p", rowKey: "a", title: "kept" }, "The thing");
    files.state.full = true;
    await expect(store.create("Things", { partitionKey: "p", rowKey: "b", title: "refused" }, "The thing")).rejects.toSatisfy(diskFull);
    await expect(store.get("Things", "p", "a")).rejects.toSatisfy(diskFull);
    await expect(store.ping()).rejects.toSatisfy(diskFull);
    await expect(store.create("Things", { partitionKey: "p", rowKey: "c", title: "later" }, "The thing")).rejects.toSatisfy(diskFull);
    files.state.full = false;
    now += RETRY_MS;
    // The refused write is in storage; its line is written before this read is answered.
    expect(await store.get("Things", "p", "b")).toMatchObject({ title: "refused" });
    expect(await store.get("Things", "p", "c")).toBeUndefined();
    await journal.close();
    expect(new Journal(dir).pendingEntries().flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.rowKey : ""))).toEqual(["a", "b"]);
  });
});

describe("the journal when storage is started again from it", () => {
  it("drops the lines owed for refused writes, so that they are never written to come back at a later replay", async () => {
    const dir = freshDir();
    const files = controlledFiles();
    let now = 1_000_000;
    const journal = new Journal(dir, { open: files.open, now: () => now, retryEveryMs: RETRY_MS });
    await journal.append([upsert("c:1")]);
    files.state.full = true;
    await expect(journal.append([upsert("c:refused")])).rejects.toSatisfy(diskFull);
    // Azurite died and was started again from the journal, which holds c:1 only: so must the journal.
    expect(await journal.discardOwed()).toBe(1);
    await journal.whole();
    files.state.full = false;
    now += RETRY_MS;
    await journal.append([upsert("c:remade")]);
    await journal.whole();
    await journal.close();
    expect(rows(dir)).toEqual(["c:1", "c:remade"]);
    expect(everyLineWhole(dir)).toBe(true);
  });
});
