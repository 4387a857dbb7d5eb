import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync, mkdirSync, existsSync } from "node:fs";
import { open } from "node:fs/promises";
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
 * is acknowledged. They are tried again at most every few seconds (whole() fails at once in
 * between), in one retry segment; a restart of the embedded Azurite drops them (`discardOwed`).
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
// On a full disk every try costs a write (and, for a new file, an inode): a few seconds apart at most.
const RETRY_OWED_MS = 5_000;

/** What the journal needs of an open file (a segment, or its folder to fsync); a FileHandle is one. */
export interface JournalFile {
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/** Seams for tests (a write that waits or fails as on a full disk); production uses the defaults. */
export interface JournalOptions {
  /** Opens a file as node:fs/promises `open` does. Default: that. */
  open?: (path: string, flags: string, mode?: number) => Promise<JournalFile>;
  /** The clock that spaces retries of owed lines. Default: Date.now. */
  now?: () => number;
  /** How long after a failed write owed lines are tried again; until then whole() fails at once. Default: 5 s. */
  retryEveryMs?: number;
}

interface PendingAppend {
  line: string;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class Journal {
  private handle: JournalFile | undefined;
  private segmentName = "";
  private segmentBytes = 0;
  private segmentCount = 0;
  private seq = 0;
  /** The last append whose pass has ended (written, or owed): whole() waits for those before it. */
  private settledSeq = 0;
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
  /** Until then, owed lines are not tried again: whole() and new appends fail with owedError without a try. */
  private retryAt = 0;
  /** The open segment was opened to retry owed lines and nothing has been written to it yet. */
  private retrySegment = false;
  /** The open segment's name is not yet known to be on disk (the folder's fsync failed or is to come). */
  private nameUnsynced = false;
  /** whole() calls waiting for the end of flush()'s pass in flight. */
  private readonly passWaiters: (() => void)[] = [];

  private readonly openFile: (path: string, flags: string, mode?: number) => Promise<JournalFile>;
  private readonly now: () => number;
  private readonly retryEveryMs: number;

  constructor(
    readonly dir: string,
    options: JournalOptions = {},
  ) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.openFile = options.open ?? open;
    this.now = options.now ?? Date.now;
    this.retryEveryMs = options.retryEveryMs ?? RETRY_OWED_MS;
  }

  /** Appends one entry and resolves once it is on disk. Concurrent appends share one fsync. */
  append(ops: JournalOperation[]): Promise<void> {
    this.lastT = Math.max(this.lastT, Date.now());
    const entry: JournalEntry = { t: this.lastT, pid: process.pid, seq: ++this.seq, ops };
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(entry)}\n`, seq: entry.seq, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /**
   * Resolves once every append made before the call has been written, and fails (disk-full) when
   * one of them could not be; then tries to write owed lines again (at most every `retryEveryMs`,
   * failing at once in between). TableStore waits for this before every operation. It waits for
   * the appends already made, never for those made after it (which a burst keeps adding).
   */
  async whole(): Promise<void> {
    // A write already in storage and being journalled: an idempotent retry must not be answered
    // from it before its line is on disk, or a crash could lose what that answer acknowledged.
    const upTo = this.seq;
    while (this.settledSeq < upTo) await this.nextPass();
    if (this.owed.length === 0) return;
    // On a full disk each try fails: between tries, fail at once (the 507) instead of each request
    // trying, and opening a file, again.
    if (!this.flushing && this.now() < this.retryAt) throw this.owedError;
    // Owed lines are written first by any pass that starts after they were refused: wait for the
    // pass in flight (not for the whole loop, which goes on while writers append), or start one.
    const passed = this.nextPass();
    this.flushing ??= this.flush();
    await passed;
    if (this.owed.length > 0) throw this.owedError;
  }

  /** Resolves when the pass of flush() in flight (or the next one) has written or failed. */
  private nextPass(): Promise<void> {
    return new Promise<void>((resolve) => this.passWaiters.push(resolve));
  }

  private async flush(): Promise<void> {
    do {
      // Awaited first, so that `flushing` is set before a pass that touches no file can end the loop.
      await Promise.resolve();
      const batch = this.queue;
      this.queue = [];
      const lines = [...this.owed, ...batch.map((p) => p.line)];
      // Within the pause after a failed try, writes that were under way are owed too, refused as it was.
      const written = this.owed.length > 0 && this.now() < this.retryAt ? false : await this.write(lines);
      if (!written) this.owed = lines;
      // Settled here, not in write(): so that `flushing` is cleared before an appender goes on.
      for (const pending of batch) {
        if (written) pending.resolve();
        else pending.reject(this.owedError);
      }
      this.settledSeq = Math.max(this.settledSeq, ...batch.map((pending) => pending.seq));
      for (const resolve of this.passWaiters.splice(0)) resolve();
    } while (this.queue.length > 0);
    this.flushing = undefined;
  }

  /** Writes the lines to the segment and fsyncs them; false (and owed, with owedError) when it cannot. */
  private async write(lines: string[]): Promise<boolean> {
    try {
      const handle = await this.currentSegment();
      const bytes = await writeAll(handle, lines.join(""));
      await handle.datasync();
      this.segmentBytes += bytes;
      this.newestInSegment.set(this.segmentName, this.lastT);
      this.owed = [];
      this.retrySegment = false;
      return true;
    } catch (error) {
      // Owed before anything else is awaited: from here on, no operation may go on top of these lines.
      this.owed = lines;
      this.owedError = isDiskFull(error)
        ? new StorageError("disk-full", `The disk under ${this.dir} is full, so the journal cannot record writes.`, { cause: error })
        : error;
      this.retryAt = this.now() + this.retryEveryMs;
      await this.cutBack();
      return false;
    }
  }

  /**
   * After a failed write: cuts the segment back to what was written and fsync'd whole, so that no
   * torn line (nor a line never acknowledged) is left in it. A segment opened for the retry is kept
   * and tried again (on a full disk, one file however many tries); the one that failed first is
   * closed and the retry goes to a new one (under a per-file size limit, only a new file has room).
   * Should cutting back fail, the file is closed as it is: a torn line stays its last line, where
   * replay ignores it, and lines written whole before it are written again in the next file, which
   * replay takes as the same write twice (each holds the whole entity).
   */
  private async cutBack(): Promise<void> {
    if (!this.handle) return;
    try {
      await this.handle.truncate(this.segmentBytes);
      if (this.retrySegment) return;
    } catch {
      // Closed below.
    }
    await this.closeSegment().catch(() => undefined);
  }

  private async currentSegment(): Promise<JournalFile> {
    if (this.handle && this.segmentBytes >= ROTATE_BYTES) await this.closeSegment();
    if (!this.handle) {
      this.segmentName = `${process.pid}-${this.startedAt}-${++this.segmentCount}.jsonl`;
      this.handle = await this.openFile(join(this.dir, this.segmentName), "a", PRIVATE_FILE_MODE);
      this.segmentBytes = 0;
      this.retrySegment = this.owed.length > 0;
      this.nameUnsynced = true;
    }
    if (this.nameUnsynced) {
      // The new file's name must survive a power cut too.
      const dir = await this.openFile(this.dir, "r");
      await dir.sync().finally(() => dir.close());
      this.nameUnsynced = false;
    }
    return this.handle;
  }

  private async closeSegment(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  /**
   * Forgets the owed lines, for when storage was started again from the journal (its Azurite
   * died): their writes were refused (disk-full, never acknowledged) and were replayed from
   * nowhere, so the new storage does not hold them unless Azurite had saved them itself. Written
   * later, they would come back at the next replay: a refused change the user has made again since
   * would then be there twice. Waits for a write in flight first. Returns how many were dropped.
   */
  async discardOwed(): Promise<number> {
    while (this.flushing) await this.flushing;
    const dropped = this.owed.length;
    this.owed = [];
    this.owedError = undefined;
    this.retryAt = 0;
    return dropped;
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
    // Not while lines are owed: the segment is the one they are retried in.
    if (this.handle && this.queue.length === 0 && !this.flushing && this.owed.length === 0) await this.closeSegment();
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
async function writeAll(handle: JournalFile, text: string): Promise<number> {
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
