import { execFile } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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

describe("the storage journal on a full disk", () => {
  interface Run {
    acknowledged: number[];
    refused: { i: number; kind: string }[];
    /** After each refusal (one after another only): what whole() then gave ("ok" or the kind of its failure). */
    afterwards: string[];
  }

  // A real process whose files may not grow past 20 KiB (sh's ulimit -f, in 512-byte blocks;
  // SIGXFSZ ignored, so a write past it fails with EFBIG, as one on a full disk fails with ENOSPC).
  // It appends 120 entries of about 400 bytes, all at once or one after another, and says which
  // were acknowledged.
  async function appendUnderLimit(dir: string, how: "at once" | "one after another"): Promise<Run> {
    const script = `${dir}-append.mjs`;
    dirs.push(script);
    writeFileSync(
      script,
      `import { Journal } from ${JSON.stringify(fileURLToPath(new URL("../dist/journal.js", import.meta.url)))};
// Owed lines tried again at once (not 5 s later), so that each refusal's retry is seen here.
const journal = new Journal(${JSON.stringify(dir)}, { retryEveryMs: 0 });
const run = { acknowledged: [], refused: [], afterwards: [] };
const append = (i) => journal.append([{ op: "upsert", table: "tomsContracts", entity: { partitionKey: "contract", rowKey: "c:" + i, title: "x".repeat(300) } }])
  .then(() => run.acknowledged.push(i), (error) => run.refused.push({ i, kind: error.kind }));
if (${JSON.stringify(how)} === "at once") await Promise.all(Array.from({ length: 120 }, (_, i) => append(i)));
else for (let i = 0; i < 120; i++) {
  const refusals = run.refused.length;
  await append(i);
  if (run.refused.length > refusals) run.afterwards.push(await journal.whole().then(() => "ok", (error) => error.kind));
}
console.log(JSON.stringify(run));`,
    );
    const { stdout } = await promisify(execFile)("sh", ["-c", `trap '' XFSZ; ulimit -f 40; exec "$0" "$1"`, process.execPath, script]);
    return JSON.parse(stdout) as Run;
  }

  const storedRows = (dir: string) => new Journal(dir).pendingEntries().flatMap((e) => e.ops).map((op) => (op.op === "upsert" ? op.entity.rowKey : ""));

  it("acknowledges only entries that are on disk in full when one write is cut short, and refuses the others as disk-full", async () => {
    const dir = freshDir();
    const { acknowledged, refused } = await appendUnderLimit(dir, "at once");
    expect(acknowledged.length + refused.length).toBe(120);
    // All but the first go in one batch of about 48 KB, which the 20 KiB file cuts short.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.kind))).toEqual(new Set(["disk-full"]));
    const stored = storedRows(dir);
    for (const i of acknowledged) expect(stored, `entry ${i}`).toContain(`c:${i}`);
  });

  it("writes a refused entry's lines again before any later entry, so its write (already in storage) is not lost", async () => {
    const dir = freshDir();
    const { acknowledged, refused, afterwards } = await appendUnderLimit(dir, "one after another");
    // 120 lines of about 400 bytes fill two 20 KiB segments: two refusals, each written again in a new segment.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((r) => r.kind))).toEqual(new Set(["disk-full"]));
    expect(afterwards).toEqual(refused.map(() => "ok"));
    const stored = storedRows(dir);
    expect([...new Set(stored)].sort()).toEqual([...acknowledged, ...refused.map((r) => r.i)].map((i) => `c:${i}`).sort());
    // In write order: a refused entry comes before every later one.
    expect([...new Set(stored)]).toEqual(Array.from({ length: 120 }, (_, i) => `c:${i}`));
  });
});
