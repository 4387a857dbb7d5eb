// Which storage a process uses, in words for its output: never a key or a signature.
import { resolve } from "node:path";
import type { StorageSettings } from "./settings.js";

/** The account and table endpoint a connection string names (its keys are left out). */
function endpointOf(connectionString: string): string {
  const parts = new Map(
    connectionString
      .split(";")
      .map((part) => [part.slice(0, part.indexOf("=")).trim().toLowerCase(), part.slice(part.indexOf("=") + 1).trim()] as const)
      .filter(([name]) => name !== ""),
  );
  const account = parts.get("accountname");
  const endpoint = parts.get("tableendpoint") ?? (account ? `${parts.get("defaultendpointsprotocol") ?? "https"}://${account}.table.${parts.get("endpointsuffix") ?? "core.windows.net"}` : undefined);
  if (!endpoint) return "the storage named by TOMS_STORAGE_CONNECTION_STRING";
  return `${account ? `the storage account ${account} at ` : ""}${endpoint.split("?")[0]} (TOMS_STORAGE_CONNECTION_STRING)`;
}

/**
 * Says which storage the settings choose, for tools to print: "the embedded storage in
 * /srv/toms/.data (TOMS_DATA_DIR)".
 * @example describeStorage({ dataDir: ".data", tablePrefix: "toms" })
 */
export function describeStorage(settings: StorageSettings): string {
  if (settings.connectionString) return endpointOf(settings.connectionString);
  if (settings.accountUrl) return `the storage account at ${settings.accountUrl} (TOMS_STORAGE_ACCOUNT_URL)`;
  return `the embedded storage in ${resolve(settings.dataDir)} (TOMS_DATA_DIR)`;
}
