import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { azuriteConnectionString, isAzurite, portAnswers, readLease, startAzurite, stopOrphan, writeLease, type AzuriteLease, type AzuriteProcess } from "./azurite.js";
import { isDiskFull, StorageError } from "./errors.js";
import { Journal, processIsAlive } from "./journal.js";
import { TableStore, type StorageTarget } from "./store.js";
import { PRIVATE_FILE_MODE } from "./data-folder.js";

export interface StorageLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface StorageConfig {
  /** Folder for embedded storage and the journal. */
  dataDir: string;
  /** Any other endpoint: a real Azure Storage account or a separately started Azurite. */
  connectionString?: string;
  /** An Azure Storage account reached with DefaultAzureCredential (managed identity). */
  accountUrl?: string;
  tablePrefix: string;
  log: StorageLogger;
  /** The long-running service, or a tool that runs and ends (seed, toms). Decides who waits for
   * whom on a shared data folder. Default: tool. */
  role?: "service" | "tool";
  /** A tool that must have the embedded storage to itself (the backup's export and import): it is
   * refused, in words naming the holder, when another process holds the data folder, instead of
   * sharing its Azurite or waiting. Its lock says so (`exclusive: true`): a tool that comes
   * meanwhile is refused in words, and a service waits for it, as for any tool. */
  exclusive?: boolean;
  /** How the journal is trimmed in embedded mode; the defaults suit Azurite's 5-second saves
   * (tests shorten them to see trimming happen). */
  journal?: { saveMarginMs?: number; checkEveryMs?: number };
}

export type StorageMode = "embedded" | "connection-string" | "account-url";

export interface OpenStorage {
  store: TableStore;
  mode: StorageMode;
  /**
   * Stops what this process started; the embedded Azurite is stopped so that it saves. `saved` is
   * false only when this process owned the embedded Azurite and it did not stop cleanly (it had
   * already stopped, or it hung and was killed), or when it died and was restarted from the
   * journal while open: what was written without the journal (an import's rows) may then not be
   * in its files. Every other storage answers true: Azure keeps
   * each acknowledged write, and a process sharing an owner's Azurite journals its writes.
   */
  close(): Promise<{ saved: boolean }>;
}

// Azurite saves every 5 s; twice that is a safe margin before trusting its files.
const SAVE_MARGIN_MS = 10_000;
const CHECK_EVERY_MS = 5_000;
const AZURITE_DB_FILE = "__azurite_db_table__.json";
const LOCK_FILE = "embedded.lock";
const RESTART_DELAYS_MS = [500, 2_000, 5_000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects to the configured storage, starting the embedded Azurite when none is configured. */
export async function openStorage(config: StorageConfig, tables: readonly string[]): Promise<OpenStorage> {
  if (config.connectionString || config.accountUrl) {
    // @azure/identity takes about half a second to load: only an account URL needs it.
    const target: StorageTarget = config.connectionString
      ? { connectionString: config.connectionString }
      : { accountUrl: config.accountUrl as string, credential: new (await import("@azure/identity")).DefaultAzureCredential() };
    const store = new TableStore(target, config.tablePrefix);
    await store.ensureTables(tables);
    return { store, mode: config.connectionString ? "connection-string" : "account-url", close: async () => ({ saved: true }) };
  }
  return openEmbedded(config, tables);
}

interface LockHolder {
  pid: number;
  role: "service" | "tool";
  /** Set by an exclusive holder (an export or import): nobody shares its Azurite. */
  exclusive?: true;
}

function readLock(file: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as LockHolder;
  } catch {
    return undefined; // being written, or gone
  }
}

/**
 * Decides, across processes, who runs the embedded Azurite on a data folder: the holder of
 * `embedded.lock` (created exclusively) owns it for its lifetime. A tool finding a ready owner
 * shares its Azurite, unless the owner is exclusive (an export or import: the tool is refused);
 * a service waits for a tool to finish; two services are refused; an exclusive opener is refused
 * by any holder. A lock left
 * by a dead process is taken over, after its Azurite (if any) is stopped so that it saves.
 */
async function claimOrShare(dataDir: string, role: "service" | "tool", exclusive: boolean): Promise<"owner" | AzuriteLease> {
  const file = join(dataDir, LOCK_FILE);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const fd = openSync(file, "wx", PRIVATE_FILE_MODE);
      writeSync(fd, JSON.stringify({ pid: process.pid, role, ...(exclusive ? { exclusive: true } : {}) } satisfies LockHolder));
      fsyncSync(fd);
      closeSync(fd);
      return "owner";
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readLock(file);
    if (holder && !processIsAlive(holder.pid)) {
      const lease = readLease(dataDir);
      if (lease && isAzurite(lease.azuritePid)) await stopOrphan(lease.azuritePid);
      rmSync(file, { force: true });
      continue;
    }
    // An exclusive holder (an export or import) shares with nobody: a tool is refused, a service
    // waits for it below, as for any tool. An exclusive opener is refused by any holder.
    if (holder && (exclusive || (holder.exclusive && role === "tool"))) {
      throw new Error(
        holder.exclusive
          ? `A TOMs backup (npm run export or npm run import, process ${holder.pid}) is using the embedded storage in ${dataDir}. Wait for it to finish, then run this again.`
          : holder.role === "service"
            ? `The TOMs service (process ${holder.pid}) is using the embedded storage in ${dataDir}. Stop the service first, then run this again.`
            : `Another TOMs command (process ${holder.pid}, such as npm run seed or toms) is using the embedded storage in ${dataDir}. Wait for it to finish, then run this again.`,
      );
    }
    const lease = readLease(dataDir);
    const ready = holder && lease && lease.ownerPid === holder.pid && processIsAlive(lease.azuritePid) && (await portAnswers(lease.port));
    if (ready && role === "tool") return lease;
    if (holder && holder.role === "service" && role === "service") {
      throw new Error(`Another TOMs service (process ${holder.pid}) is using the data folder ${dataDir}. Stop it first, or give this one its own TOMS_DATA_DIR.`);
    }
    await sleep(250);
  }
  throw new Error(`The embedded storage in ${dataDir} stayed busy for 2 minutes (see ${LOCK_FILE} there). Stop the process named in it, or give this one its own TOMS_DATA_DIR.`);
}

/** Flushes Azurite's saved file to disk and says when it was last saved: what it holds is safe. */
function syncedSaveTime(location: string): number {
  const file = join(location, AZURITE_DB_FILE);
  if (!existsSync(file)) return 0;
  for (const path of [file, location]) {
    const fd = openSync(path, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  return statSync(file).mtimeMs;
}

async function openEmbedded(config: StorageConfig, tables: readonly string[]): Promise<OpenStorage> {
  const dataDir = resolve(config.dataDir);
  const location = join(dataDir, "azurite");
  const journal = new Journal(join(dataDir, "journal"));
  const claim = await claimOrShare(dataDir, config.role ?? "tool", config.exclusive ?? false);

  if (claim !== "owner") {
    const store = new TableStore({ connectionString: azuriteConnectionString(claim.port) }, config.tablePrefix, journal);
    await store.ensureTables(tables);
    return {
      store,
      mode: "embedded",
      close: async () => {
        await journal.close();
        return { saved: true };
      },
    };
  }

  let azurite: AzuriteProcess | undefined;
  let store: TableStore | undefined;
  let readyAt = Number.POSITIVE_INFINITY;
  let closing = false;
  // Writes that bypass the journal (a backup's import) are lost when Azurite dies and is restarted
  // from the journal: a close after a restart cannot say that everything was saved.
  let restarted = false;

  // Replays the journal into a fresh Azurite before anyone may write: this process's store is
  // paused and the lease that lets other processes in is written only afterwards.
  const start = async (): Promise<TableStore> => {
    // Only an Azurite that came up and was replayed into is restarted when it dies; one that
    // fails to start is reported instead, so a damaged file cannot cause a restart loop.
    let running = false;
    let exited = false;
    const started = await startAzurite({
      location,
      ownProcessGroup: true,
      log: (message) => config.log.error(message),
      onExit: (_code, _signal, stderr) => {
        exited = true;
        // It is restarted all the same: the journal keeps every acknowledged write, and space may be freed meanwhile.
        if (isDiskFull(stderr)) config.log.error(`The disk under ${dataDir} is full: the embedded storage could not save its file and stopped. Free some space there; until then it is restarted from the journal each time.`);
        if (!closing && running) void restart();
      },
    });
    azurite = started;
    if (exited) throw new Error("Azurite stopped as soon as it started.");
    const opened = store ?? new TableStore({ connectionString: started.connectionString }, config.tablePrefix, journal);
    opened.retarget({ connectionString: started.connectionString });
    // Lines owed for refused writes (disk-full: answered 507, never acknowledged) are not in the
    // journal, so this replay leaves their writes out: dropped, so that storage and journal agree.
    // Written once there is room, they would come back at the next replay, beside the change the
    // user has made again since.
    const dropped = await journal.discardOwed();
    if (dropped > 0) config.log.warn(`Dropped ${dropped} journal entries of writes that were refused for want of disk space; the restarted storage does not hold them unless it had saved them itself.`);
    const pending = journal.pendingEntries();
    // With the suite's tables, every time: they are made at the start and not journalled, so an
    // Azurite that died before its first save comes back without them.
    await opened.replay(pending.flatMap((entry) => entry.ops), tables);
    if (pending.length > 0) config.log.info(`Replayed ${pending.length} journalled writes into the embedded storage.`);
    writeLease(dataDir, { azuritePid: started.pid, ownerPid: process.pid, port: started.port });
    readyAt = Date.now();
    running = true;
    return opened;
  };

  const restart = async (): Promise<void> => {
    restarted = true;
    readyAt = Number.POSITIVE_INFINITY;
    store?.pause();
    for (const delay of RESTART_DELAYS_MS) {
      config.log.warn("The embedded storage stopped; restarting it and replaying its journal.");
      await sleep(delay);
      try {
        await start();
        store?.resume();
        return;
      } catch (error) {
        config.log.error(`The embedded storage could not be restarted: ${(error as Error).message}`);
      }
    }
    store?.fail(new StorageError("unavailable", `The embedded storage could not be restarted; restart the service. If it keeps failing, ${join(location, AZURITE_DB_FILE)} may be damaged.`));
  };

  try {
    store = await start();
  } catch (error) {
    rmSync(join(dataDir, LOCK_FILE), { force: true });
    if (isDiskFull((error as Error).message)) throw new Error(`The disk under ${dataDir} is full, so the embedded storage cannot save its file. Free some space there, then start the service again.`, { cause: error });
    throw new Error(`The embedded storage could not start (${(error as Error).message}). If this keeps happening, ${join(location, AZURITE_DB_FILE)} may be damaged.`, { cause: error });
  }

  const timer = setInterval(() => {
    if (!azurite?.alive()) return;
    try {
      // Trust only what Azurite has saved to its file, and no sooner than twice its save interval.
      const savedUpTo = Math.min(Date.now() - (config.journal?.saveMarginMs ?? SAVE_MARGIN_MS), syncedSaveTime(location));
      if (savedUpTo > readyAt) journal.checkpoint(savedUpTo).catch((error: unknown) => config.log.warn(`Could not trim the storage journal: ${String(error)}`));
    } catch (error) {
      config.log.warn(`Could not check the embedded storage's saved file: ${String(error)}`);
    }
  }, config.journal?.checkEveryMs ?? CHECK_EVERY_MS);
  timer.unref();

  const opened = store;
  return {
    store: opened,
    mode: "embedded",
    close: async () => {
      closing = true;
      clearInterval(timer);
      await journal.close();
      const stoppedAt = Date.now();
      // Azurite saves on SIGINT: after a clean exit everything written before the stop is on disk.
      // Otherwise the journal is left as it is, to be replayed at the next start.
      const saved = azurite !== undefined && (await azurite.stop());
      if (saved) await journal.checkpoint(Math.min(stoppedAt, syncedSaveTime(location)));
      rmSync(join(dataDir, "azurite.json"), { force: true });
      rmSync(join(dataDir, LOCK_FILE), { force: true });
      return { saved: saved && !restarted };
    },
  };
}
