// What the backup tests share: the commands as real processes, and storage read back two ways to compare.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { BACKUP_TABLES } from "@toms/api";
import { typedEntities, type TableStore, type TypedEntity } from "@toms/storage";

const COMMANDS = join(dirname(createRequire(import.meta.url).resolve("@toms/api")), "commands");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `api/dist/commands/<command>.js` (what `npm run <command>` runs) with only these storage settings. */
export function runCommand(command: "seed" | "export" | "import", args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(COMMANDS, `${command}.js`), ...args],
      { env: { ...process.env, TOMS_STORAGE_CONNECTION_STRING: "", TOMS_STORAGE_ACCOUNT_URL: "", TOMS_TABLE_PREFIX: "", TOMS_LOG_LEVEL: "warn", ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Every table's entities, typed, as the backup reads them. */
export async function typedSnapshot(store: TableStore): Promise<Record<string, TypedEntity[]>> {
  const snapshot: Record<string, TypedEntity[]> = {};
  for (const table of BACKUP_TABLES) {
    snapshot[table] = [];
    for await (const page of typedEntities(await store.tableClient(table))) snapshot[table].push(...page);
  }
  return snapshot;
}

/**
 * Every table as the service's own JSON text, read without the backup's code, with only what the
 * service sets itself taken out (ETags, Timestamps, its address). A Double 5 reads `5.0` there and
 * an Int32 `5`, which no parsed value shows; two Azurites holding the same entities answer the same text.
 */
export async function rawSnapshot(store: TableStore): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of BACKUP_TABLES) {
    snapshot[table] = [];
    let body = "";
    const client = await store.tableClient(table);
    for await (const _page of client.listEntities({ onResponse: (response) => (body = response.bodyAsText ?? "") }).byPage({ maxPageSize: 1000 })) {
      snapshot[table].push(body.replace(/"odata\.metadata":"[^"]*",?/g, "").replace(/"odata\.etag":"(?:[^"\\]|\\.)*",?/g, "").replace(/,?"Timestamp":"[^"]*"/g, ""));
    }
  }
  return snapshot;
}

/** How many rows each table holds. */
export const counts = (snapshot: Record<string, TypedEntity[]>): Record<string, number> => Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]));

/**
 * A backup's text with its manifest and closing checksum computed afresh from its lines, as an
 * export would write them: a row changed this way passes every hash, so only the checks of what
 * the row holds can refuse it.
 */
export function resealed(text: string): string {
  const lines = text.split("\n").slice(0, -1).map((raw) => `${raw}\n`);
  const rows = new Map<string, { rows: number; hash: ReturnType<typeof createHash> }>();
  let out = "";
  for (const raw of lines) {
    const record = JSON.parse(raw) as { kind: string; table?: string; tables?: { name: string; rows: number; sha256: string }[] };
    if (record.kind === "row") {
      const table = rows.get(record.table as string) ?? { rows: 0, hash: createHash("sha256") };
      table.rows += 1;
      table.hash.update(raw);
      rows.set(record.table as string, table);
      out += raw;
    } else if (record.kind === "manifest") {
      const tables = (record.tables ?? []).map(({ name }) => {
        const table = rows.get(name);
        return { name, rows: table?.rows ?? 0, sha256: (table?.hash ?? createHash("sha256")).digest("hex") };
      });
      out += `${JSON.stringify({ kind: "manifest", tables })}\n`;
    } else if (record.kind === "checksum") {
      out += `${JSON.stringify({ kind: "checksum", sha256: createHash("sha256").update(out).digest("hex") })}\n`;
    } else {
      out += raw;
    }
  }
  return out;
}
