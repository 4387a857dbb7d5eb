// `npm run token` and `npm run seed` as a developer runs them: help that works, and output that
// says which data folder or storage was used (and never a storage key).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "toms-tools-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", env: { ...process.env, TOMS_STORAGE_CONNECTION_STRING: "", TOMS_STORAGE_ACCOUNT_URL: "", ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run token", () => {
  it("prints its usage for --help and exits 0", () => {
    const { code, stdout } = run("npm", ["run", "--silent", "token", "--", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: npm run token -- --user <id> --role <");
    expect(stdout).toContain("--supplier <id>");
  }, 60_000);

  it("says which data folder's key signed the token on stderr, keeping the token the last line of stdout", () => {
    const { code, stdout, stderr } = run(process.execPath, ["api/dist/commands/token.js", "--user", "rob.amor", "--role", "admin"], { TOMS_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(stderr).toContain(`Signed with the development key in ${dataDir} (TOMS_DATA_DIR)`);
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe("npm run seed", () => {
  it("names the storage it loaded the demo portfolio into, without its key", () => {
    const connectionString = inject("azuriteConnectionString");
    const endpoint = /TableEndpoint=([^;]+)/.exec(connectionString)?.[1] as string;
    const { code, stdout } = run(process.execPath, ["api/dist/commands/seed.js"], { TOMS_DATA_DIR: dataDir, TOMS_STORAGE_CONNECTION_STRING: connectionString, TOMS_TABLE_PREFIX: `s${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}` });
    expect(code).toBe(0);
    expect(stdout).toContain(`Demo portfolio loaded into the storage account devstoreaccount1 at ${endpoint} (TOMS_STORAGE_CONNECTION_STRING): `);
    expect(stdout).not.toContain(/AccountKey=([^;]+)/.exec(connectionString)?.[1] as string);
  }, 60_000);
});
