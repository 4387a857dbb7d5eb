import { appendFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Journal } from "./journal.js";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "toms-journal-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const upsert = (rowKey: string, title: string) => ({ op: "upsert" as const, table: "tomsContracts", entity: { partitionKey: "contract", rowKey, title } });

describe("the storage journal", () => {
  it("gives back every acknowledged entry in write order, across processes' segments", async () => {
    const dir = freshDir();
    const journal = new Journal(dir);
    await journal.append([upsert("c:1", "first")]);
    await Promise.all([journal.append([upsert("c:1", "second")]), journal.append([upsert("c:2", "other")])]);
    await journal.close();
    // A segment another (dead) process left, written later.
    appendFileSync(join(dir, `999999-1-1.jsonl`), `${JSON.stringify({ t: Date.now() + 1000, pid: 999999, seq: 1, ops: [upsert("c:1", "third")] })}\n`);
    const titles = new Journal(dir).pendingEntries().flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.title : ""));
    expect(titles).toEqual(["first", "second", "other", "third"]);
  });

  it("ignores a torn last line, which was never acknowledged", async () => {
    const dir = freshDir();
    const journal = new Journal(dir);
    await journal.append([upsert("c:1", "kept")]);
    await journal.close();
    const [segment] = readdirSync(dir);
    appendFileSync(join(dir, segment as string), '{"t":1,"pid":1,"seq":2,"ops":[{"op":"ups');
    expect(new Journal(dir).pendingEntries()).toHaveLength(1);
  });

  it("forgets entries at or before the checkpoint and deletes segments holding nothing newer", async () => {
    const dir = freshDir();
    const journal = new Journal(dir);
    await journal.append([upsert("c:1", "old")]);
    const savedUpTo = Date.now();
    await journal.checkpoint(savedUpTo);
    expect(readdirSync(dir).filter((f) => f.endsWith(".jsonl"))).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 20));
    await journal.append([upsert("c:1", "new")]);
    const pending = new Journal(dir).pendingEntries();
    expect(pending.flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.title : ""))).toEqual(["new"]);
    // A checkpoint never moves backwards.
    await journal.checkpoint(savedUpTo - 1000);
    expect(journal.readCheckpoint()).toBe(savedUpTo);
    await journal.close();
  });
});
