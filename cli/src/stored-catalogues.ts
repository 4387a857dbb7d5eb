// Catalogues from the suite's storage, for the installed `toms` command. Storage (and the Azure
// libraries under it) is loaded and opened only when a command needs a version other than the
// built-in default, says on stderr which storage it opened, and is closed when the command ends.
import { DEFAULT_CATALOGUE, DEFAULT_MONEY_LABEL, type Catalogue } from "@toms/domain/evaluation";
import type { Storage, StorageSettings } from "@toms/storage";
import type { CatalogueSource } from "./catalogues.js";
import { cliUser } from "./cli-user.js";
import { Refusal, systemReason } from "./refusal.js";

export interface ClosableCatalogueSource extends CatalogueSource {
  close(): Promise<void>;
}

/** Why storage failed, in a few words: the network's reason, or the storage's answer. */
function storageReason(error: unknown): string {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (status === 401 || status === 403) return `it refused the credentials (HTTP ${status})`;
  if (typeof status === "number") return `it answered HTTP ${status}`;
  const reason = systemReason(error);
  if (reason) return reason;
  // The suite's own errors (StorageError, the embedded storage's start-up) are written for users.
  return error instanceof Error && (error.name === "StorageError" || error.constructor === Error) ? error.message.replace(/\.$/, "") : "it failed unexpectedly";
}

/** The installation's catalogues: the built-in default without I/O, every other version from storage. */
export function storedCatalogues(env: NodeJS.ProcessEnv = process.env, note: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): ClosableCatalogueSource {
  let where = "the storage";
  let opened: Promise<Storage> | undefined;
  const open = async (): Promise<Storage> => {
    const { connectStorage, describeStorage, readStorageSettings, SettingsError } = await import("@toms/storage");
    let settings: StorageSettings;
    try {
      settings = readStorageSettings(env);
    } catch (error) {
      if (error instanceof SettingsError) throw new Refusal(`the storage settings are not valid:\n${error.message}`);
      throw error;
    }
    where = describeStorage(settings);
    note(`toms uses ${where}.`);
    return connectStorage({ ...settings, log: { info: () => undefined, warn: note, error: note } });
  };
  /** Runs a storage operation; a failure becomes a refusal naming the storage. */
  const withStorage = async <T>(operation: (storage: Storage) => Promise<T>): Promise<T> => {
    try {
      return await operation(await (opened ??= open()));
    } catch (error) {
      if (error instanceof Refusal) throw error;
      // Damaged data is no fault of the connection: its message says what is damaged, and whom to tell.
      if ((error as { kind?: unknown }).kind === "damaged") throw new Refusal((error as Error).message);
      throw new Refusal(`could not use ${where}: ${storageReason(error)}. Check that it is running and that the TOMS_ storage settings point at it.`);
    }
  };
  // Versions never change, and the service publishes the default as it is built in: no I/O for it.
  const get = async (version: string): Promise<Catalogue | null> =>
    version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : ((await withStorage((s) => s.catalogues.get(version))) ?? null);
  /** Stored versions oldest first, the default first when storage does not hold it yet. */
  const versions = async (): Promise<string[]> => {
    const stored = (await withStorage((s) => s.catalogues.versions())).map((v) => v.version).reverse();
    return stored.includes(DEFAULT_CATALOGUE.version) ? stored : [DEFAULT_CATALOGUE.version, ...stored];
  };
  return {
    get,
    versions,
    all: async () => (await Promise.all((await versions()).map(get))).filter((c): c is Catalogue => c !== null),
    latest: async () => (await withStorage((s) => s.catalogues.latest())) ?? DEFAULT_CATALOGUE,
    // The one publishing use case, loaded (with what it needs) only by an import.
    publish: async (file) => {
      const { createAppDeps, publishCatalogues } = await import("@toms/app");
      return withStorage((s) => publishCatalogues(createAppDeps(s, { moneyLabel: env.TOMS_MONEY_LABEL || DEFAULT_MONEY_LABEL }), cliUser(), file));
    },
    // Storage that failed to open has nothing to close; that failure was told already.
    close: async () => {
      await opened?.then((storage) => storage.close(), () => undefined);
    },
  };
}
