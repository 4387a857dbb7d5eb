import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, mkdirSync, existsSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./data-folder.js";
import type { PlainEntity } from "./entity.js";
import { isDiskFull, StorageError } from "./errors.js";

/**
 * The write-ahead record that keeps acknowledged writes safe in embedded mode.
 *
 * Azurite saves its tables to disk every 5 seconds, so a crash loses recent writes. Every write
 * that succeeded in Table storage is appended here (fsync'd) before it is acknowledged; when the
 * embedded Azurite is next started, entries newer than the checkpoint are replayed in order. Each
 * entry holds the entity's whole state after the write, so replaying is idempotent.
 *
 * One segment file per writing process (`<pid>-<start>-<n>.jsonl`); the process that owns the
 * embedded Azurite advances the checkpoint once Azurite has certainly saved, and deletes segments
 * that hold nothing newer.
 *
 * An append that cannot be written (the disk is full) fails, but its write is already in Table
 * storage: its lines are kept as owed and written before anything later, and until they are,
 * `whole()` fails, so that nothing resting on them (a later write, or a retry answered from them)
 * is acknowledged.
 */
export type JournalOperation =
  | { op: "upsert"; table: string; entity: PlainEntity }
  | { op: "delete"; table: string; partitionKey: string; rowKey: string };

export interface JournalEntry {
  /** Wall-clock milliseconds; with pid and seq, the replay order. */
  t: number;
  pid: number;
  seq: number;
  ops: JournalOperation[];
}

const CHECKPOINT_FILE = "checkpoint.json";
const SEGMENT = /^(\d+)-(\d+)-(\d+)\.jsonl$/;
const ROTATE_BYTES = 8 * 1024 * 1024;

interface PendingAppend {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Journal {
  private handle: FileHandle | undefined;
  private segmentName = "";
  private segmentBytes = 0;
  private segmentCount = 0;
  private seq = 0;
  /** Entry times never go backwards within a process, whatever the clock does. */
  private lastT = 0;
  /** The newest entry time in each of this process's segments. */
  private readonly newestInSegment = new Map<string, number>();
  private readonly startedAt = Date.now();
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  /** Lines of writes already in Table storage that could not be written here yet, in order. */
  private owed: string[] = [];
  private owedError: unknown;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  }

  /** Appends one entry and resolves once it is on disk. Concurrent appends share one fsync. */
  append(ops: JournalOperation[]): Promise<void> {
    this.lastT = Math.max(this.lastT, Date.now());
    const entry: JournalEntry = { t: this.lastT, pid: process.pid, seq: ++this.seq, ops };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /**
   * Resolves at once unless earlier appends failed; then tries to write their lines again, and
   * fails as they did (disk-full) while it cannot. TableStore waits for this before every operation.
   */
  async whole(): Promise<void> {
    // What is being written now may be what fails: try again after it.
    while (this.flushing) await this.flushing;
    if (this.owed.length === 0) return;
    this.flushing ??= this.flush();
    await this.flushing;
    if (this.owed.length > 0) throw this.owedError;
  }

  private async flush(): Promise<void> {
    do {
      const batch = this.queue;
      this.queue = [];
      const lines = [...this.owed, ...batch.map((p) => p.line)];
      try {
        const handle = await this.currentSegment();
        const bytes = await writeAll(handle, lines.join(""));
        await handle.datasync();
        this.segmentBytes += bytes;
        this.newestInSegment.set(this.segmentName, this.lastT);
        this.owed = [];
        for (const pending of batch) pending.resolve();
      } catch (error) {
        // A part-written line must stay the last line of its file (where replay ignores it):
        // later entries go to a new segment. Lines written in full before it are written again
        // there, which replay takes as the same write twice (each holds the whole entity).
        await this.closeSegment().catch(() => undefined);
        this.owed = lines;
        this.owedError = isDiskFull(error)
          ? new StorageError("disk-full", `The disk under ${this.dir} is full, so the journal cannot record writes.`, { cause: error })
          : error;
        for (const pending of batch) pending.reject(this.owedError);
      }
    } while (this.queue.length > 0);
    this.flushing = undefined;
  }

  private async currentSegment(): Promise<FileHandle> {
    if (this.handle && this.segmentBytes >= ROTATE_BYTES) await this.closeSegment();
    if (!this.handle) {
      this.segmentName = `${process.pid}-${this.startedAt}-${++this.segmentCount}.jsonl`;
      this.handle = await open(join(this.dir, this.segmentName), "a", PRIVATE_FILE_MODE);
      this.segmentBytes = 0;
      // The new file's name must survive a power cut too.
      const dir = await open(this.dir, "r");
      await dir.sync().finally(() => dir.close());
    }
    return this.handle;
  }

  private async closeSegment(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /** Waits for pending appends and closes the open segment. */
  async close(): Promise<void> {
    await this.flushing;
    await this.closeSegment();
  }

  /** Everything up to this time is known to be saved by Azurite itself. */
  readCheckpoint(): number {
    const file = join(this.dir, CHECKPOINT_FILE);
    if (!existsSync(file)) return 0;
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { savedUpTo?: unknown };
    return typeof parsed.savedUpTo === "number" ? parsed.savedUpTo : 0;
  }

  /** Records that Azurite has saved everything written up to `savedUpTo`, then drops segments that
   * hold nothing newer and whose writer is gone or is this process (and has moved on). */
  async checkpoint(savedUpTo: number): Promise<void> {
    // Nothing journalled: nothing to skip on replay and nothing to delete.
    if (this.segments().length === 0 || savedUpTo <= this.readCheckpoint()) return;
    const tmp = join(this.dir, `${CHECKPOINT_FILE}.tmp`);
    const fd = openSync(tmp, "w", PRIVATE_FILE_MODE);
    writeSync(fd, JSON.stringify({ savedUpTo }));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, join(this.dir, CHECKPOINT_FILE));
    // Rotate our own segment so that it too can be dropped once it is old enough.
    if (this.handle && this.queue.length === 0 && !this.flushing) await this.closeSegment();
    for (const segment of this.segments()) {
      if (segment.name === this.segmentName && this.handle) continue;
      if (segment.pid !== process.pid && processIsAlive(segment.pid)) continue;
      const path = join(this.dir, segment.name);
      const newest = this.newestInSegment.get(segment.name) ?? readSegment(path).reduce((newest, entry) => Math.max(newest, entry.t), 0);
      if (newest <= savedUpTo) {
        unlinkSync(path);
        this.newestInSegment.delete(segment.name);
      }
    }
  }

  private segments(): { name: string; pid: number }[] {
    return readdirSync(this.dir)
      .map((name) => ({ name, match: SEGMENT.exec(name) }))
      .filter((s): s is { name: string; match: RegExpExecArray } => s.match !== null)
      .map((s) => ({ name: s.name, pid: Number(s.match[1]) }));
  }

  /** Entries newer than the checkpoint, from every segment, in the order they were written. */
  pendingEntries(): JournalEntry[] {
    const checkpoint = this.readCheckpoint();
    return this.segments()
      .flatMap((segment) => readSegment(join(this.dir, segment.name)))
      .filter((entry) => entry.t > checkpoint)
      .sort((a, b) => a.t - b.t || a.pid - b.pid || a.seq - b.seq);
  }
}

/** Writes all of the text at the end of the file. One write may take only part of it (the disk
 * fills, or the file reaches its size limit, part-way): what is left is written again, which
 * then fails with the reason. Returns the bytes written. */
async function writeAll(handle: FileHandle, text: string): Promise<number> {
  const buffer = Buffer.from(text);
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten === 0) throw Object.assign(new Error("The journal's file took no more bytes."), { code: "ENOSPC" });
    offset += bytesWritten;
  }
  return buffer.length;
}

/** Reads a segment; a torn last line (a crash mid-write, never acknowledged) is ignored. */
function readSegment(path: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // Only the last line can be torn, and it was never acknowledged.
    }
  }
  return entries;
}

/** True while the process runs. A zombie (exited, not yet reaped: an orphaned Azurite where no
 * init reaps, as in some containers) has stopped, so it counts as dead. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    // /proc/<pid>/stat: "pid (name) state ..."; the name may hold spaces and parentheses.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true; // no /proc (macOS), or gone since: the signal check above stands
  }
}
