import { fileURLToPath } from "node:url";
import { z } from "zod";

/** `.data` beside the repository's root package.json, whichever folder a command runs from, so the
 * service, the seed and the toms CLI find the same embedded storage. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../../.data", import.meta.url));

/** Where storage is, as the environment says: shared by the service, the seed and the toms CLI. */
export interface StorageSettings {
  dataDir: string;
  connectionString?: string;
  accountUrl?: string;
  tablePrefix: string;
}

const schema = z.object({
  TOMS_DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  TOMS_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
  TOMS_STORAGE_ACCOUNT_URL: z.url("must be the account's table endpoint, like https://<account>.table.core.windows.net").optional(),
  TOMS_TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,30}$/, "must be letters and digits, starting with a letter").default("toms"),
});

/** Bad settings, one line per variable at fault ("PORT: must be a port number"). */
export class SettingsError extends Error {}

/** Parses environment variables with a schema; an empty variable (common in .env files and CI)
 * counts as not set. Used for every part's settings, so all name the variable the same way. */
export function parseSettings<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
  if (!parsed.success) throw new SettingsError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
  return parsed.data;
}

/** Reads the storage variables. */
export function readStorageSettings(env: NodeJS.ProcessEnv): StorageSettings {
  const e = parseSettings(schema, env);
  return {
    dataDir: e.TOMS_DATA_DIR,
    tablePrefix: e.TOMS_TABLE_PREFIX,
    ...(e.TOMS_STORAGE_CONNECTION_STRING ? { connectionString: e.TOMS_STORAGE_CONNECTION_STRING } : {}),
    ...(e.TOMS_STORAGE_ACCOUNT_URL ? { accountUrl: e.TOMS_STORAGE_ACCOUNT_URL } : {}),
  };
}
