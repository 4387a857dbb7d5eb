import { DefaultAzureCredential } from "@azure/identity";
import { rmSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { azuriteConnectionString, isAzurite, readLease, startAzurite, stopOrphan, writeLease, type AzuriteProcess } from "./azurite.js";
import { Journal, processIsAlive } from "./journal.js";
import { TableStore, type StorageTarget } from "./store.js";

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
}

export type StorageMode = "embedded" | "connection-string" | "account-url";

export interface OpenStorage {
  store: TableStore;
  mode: StorageMode;
  /** Stops what this process started; the embedded Azurite is stopped so that it saves. */
  close(): Promise<void>;
}

// Azurite saves every 5 s; twice that is a safe margin before trusting its files.
const SAVE_MARGIN_MS = 10_000;

async function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); done(true); });
    socket.once("error", () => done(false));
  });
}

/** Connects to the configured storage, starting the embedded Azurite when none is configured. */
export async function openStorage(config: StorageConfig, tables: readonly string[]): Promise<OpenStorage> {
  if (config.connectionString || config.accountUrl) {
    const target: StorageTarget = config.connectionString
      ? { connectionString: config.connectionString }
      : { accountUrl: config.accountUrl as string, credential: new DefaultAzureCredential() };
    const store = new TableStore(target, config.tablePrefix);
    await store.ensureTables(tables);
    return { store, mode: config.connectionString ? "connection-string" : "account-url", close: async () => undefined };
  }
  return openEmbedded(config, tables);
}

async function openEmbedded(config: StorageConfig, tables: readonly string[]): Promise<OpenStorage> {
  const dataDir = resolve(config.dataDir);
  const journal = new Journal(join(dataDir, "journal"));
  const lease = readLease(dataDir);

  // Another live process already runs Azurite on this folder: share it rather than open the same files twice.
  if (lease && processIsAlive(lease.ownerPid) && processIsAlive(lease.azuritePid) && isAzurite(lease.azuritePid) && (await answers(lease.port))) {
    const store = new TableStore({ connectionString: azuriteConnectionString(lease.port) }, config.tablePrefix, journal);
    await store.ensureTables(tables);
    return { store, mode: "embedded", close: () => journal.close() };
  }
  // An Azurite whose owner died: stop it (it saves on SIGINT) before starting our own.
  if (lease && lease.azuritePid !== process.pid && isAzurite(lease.azuritePid)) await stopOrphan(lease.azuritePid);

  let azurite: AzuriteProcess;
  let store: TableStore;
  let readyAt = 0;
  let closing = false;

  const start = async (port?: number): Promise<void> => {
    azurite = await startAzurite({
      location: join(dataDir, "azurite"),
      ...(port ? { port } : {}),
      log: (message) => config.log.error(message),
      onExit: () => {
        if (closing) return;
        readyAt = Number.POSITIVE_INFINITY;
        config.log.warn("Restarting the embedded storage and replaying its journal.");
        start(azurite.port).catch((error: unknown) => config.log.error(`The embedded storage could not be restarted: ${String(error)}`));
      },
    });
    writeLease(dataDir, { azuritePid: azurite.pid, ownerPid: process.pid, port: azurite.port });
    store ??= new TableStore({ connectionString: azurite.connectionString }, config.tablePrefix, journal);
    const pending = journal.pendingEntries();
    await store.replay(pending.flatMap((entry) => entry.ops));
    if (pending.length > 0) config.log.info(`Replayed ${pending.length} journalled writes into the embedded storage.`);
    readyAt = Date.now();
  };
  await start();
  // `start` assigned both; TypeScript cannot see through the closure.
  const openStore = store!;
  await openStore.ensureTables(tables);

  const timer = setInterval(() => {
    const savedUpTo = Date.now() - SAVE_MARGIN_MS;
    if (azurite.alive() && savedUpTo > readyAt) {
      journal.checkpoint(savedUpTo).catch((error: unknown) => config.log.warn(`Could not trim the storage journal: ${String(error)}`));
    }
  }, 5_000);
  timer.unref();

  return {
    store: openStore,
    mode: "embedded",
    close: async () => {
      closing = true;
      clearInterval(timer);
      await journal.close();
      const stoppedAt = Date.now();
      // Azurite saves on SIGINT: after a clean exit everything written before the stop is on disk.
      if (await azurite.stop()) await journal.checkpoint(stoppedAt);
      rmSync(join(dataDir, "azurite.json"), { force: true });
    },
  };
}

