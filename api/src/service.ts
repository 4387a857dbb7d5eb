import { DEFAULT_CATALOGUE } from "@toms/domain";
import type { Logger } from "pino";
import { connectStorage, type Storage, type StorageConfig } from "@toms/storage";
import { createApp } from "./app.js";
import { createVerifier } from "./auth/verify.js";
import type { Config } from "./config.js";
import { assertPortFree, listen } from "./listen.js";
import { seedDemo } from "./seed/demo.js";

export interface RunningService {
  url: string;
  storage: Storage;
  close(): Promise<void>;
}

export function storageConfig(config: Config, log: Logger, role: StorageConfig["role"] = "tool"): StorageConfig {
  return {
    role,
    dataDir: config.dataDir,
    tablePrefix: config.tablePrefix,
    ...(config.connectionString ? { connectionString: config.connectionString } : {}),
    ...(config.accountUrl ? { accountUrl: config.accountUrl } : {}),
    log: { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  };
}

/** Opens storage, loads the demo portfolio into empty storage, and listens. A port that is taken
 * is refused (ListenError) before storage starts. */
export async function startService(config: Config, log: Logger, now: () => Date = () => new Date()): Promise<RunningService> {
  await assertPortFree(config.host, config.port);
  const storage = await connectStorage(storageConfig(config, log, "service"), now);
  log.info({ mode: storage.mode }, "storage ready");
  try {
    // The council's own catalogue is part of the product, not demo data: publish it when missing.
    if (!(await storage.catalogues.get(DEFAULT_CATALOGUE.version))) {
      const published = await storage.catalogues.publish(DEFAULT_CATALOGUE, "toms");
      // Otherwise another service on the same storage has published it, or is publishing it, meanwhile.
      if (published.outcome === "published") log.info({ version: DEFAULT_CATALOGUE.version }, "published the council's default catalogue");
    }
    if (!(await storage.catalogues.get(config.defaultCatalogueVersion))) {
      log.warn(
        { version: config.defaultCatalogueVersion },
        `TOMS_DEFAULT_CATALOGUE_VERSION is ${config.defaultCatalogueVersion}, which is not published: the add-in opens on the newest version until it is. Publish it, or set TOMS_DEFAULT_CATALOGUE_VERSION to a published version.`,
      );
    }
    if (config.seed === "demo" && (await storage.suppliers.isEmpty())) {
      const seeded = await seedDemo(storage, new Date(), config.updateDueDays);
      log.info(seeded, "loaded the demo portfolio into empty storage");
    }
    const verify = await createVerifier(config, (userId) => storage.suppliers.supplierForIdentity(userId), now);
    const app = createApp({ config, storage, verify, log, now });
    const listening = await listen(app, config.host, config.port);
    const address = listening.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    return {
      url: `http://${host}:${port}`,
      storage,
      // Requests in flight are answered first, while storage still runs; then storage is stopped
      // (the embedded Azurite saves).
      close: async () => {
        await listening.close();
        await storage.close();
      },
    };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
