// Catalogues from the suite's storage, for the installed `toms` command. Storage is opened only
// when a command needs a version other than the built-in default, and closed when it is done.
import { userInfo } from "node:os";
import { DEFAULT_CATALOGUE, type Catalogue } from "@toms/domain";
import { connectStorage, readStorageSettings, type Storage } from "@toms/storage";
import type { CatalogueSource } from "./catalogues.js";

export interface ClosableCatalogueSource extends CatalogueSource {
  close(): Promise<void>;
}

export function storedCatalogues(env: NodeJS.ProcessEnv = process.env, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): ClosableCatalogueSource {
  let opened: Promise<Storage> | undefined;
  const storage = () =>
    (opened ??= connectStorage({ ...readStorageSettings(env), log: { info: () => undefined, warn, error: warn } }));
  // Versions never change, and the service publishes the default as it is built in: no I/O for it.
  const get = async (version: string): Promise<Catalogue | null> =>
    version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : ((await (await storage()).catalogues.get(version)) ?? null);
  return {
    get,
    latest: async () => (await (await storage()).catalogues.latest()) ?? DEFAULT_CATALOGUE,
    versions: async () => {
      const stored = (await (await storage()).catalogues.versions()).map((v) => v.version);
      return [...new Set([DEFAULT_CATALOGUE.version, ...stored])].sort();
    },
    publish: async (catalogue) => {
      await (await storage()).catalogues.publish(catalogue, `toms-cli:${userInfo().username}`);
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}
