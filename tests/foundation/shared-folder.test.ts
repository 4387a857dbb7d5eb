import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import { freePort } from "@toms/storage";

// The service and `npm run seed` started at the same moment on one empty data folder: one of
// them runs the embedded Azurite, the other waits for it or shares it, and nothing is lost.
const main = fileURLToPath(new URL("../../api/dist/main.js", import.meta.url));
const seed = fileURLToPath(new URL("../../api/dist/commands/seed.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "toms-shared-"));
const children: ChildProcess[] = [];

function launch(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, HOST: "127.0.0.1", TOMS_DATA_DIR: dataDir, TOMS_LOG_LEVEL: "warn", TOMS_STORAGE_CONNECTION_STRING: "", TOMS_STORAGE_ACCOUNT_URL: "", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

const exitCode = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", resolve)));

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill("SIGINT");
      await exitCode(child);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("one data folder, two processes", () => {
  it("loads the demo portfolio into the service's storage when both start at once", async () => {
    const port = await freePort();
    const service = launch(main, { PORT: String(port), TOMS_SEED: "none" });
    const seeding = launch(seed, {});
    expect(await exitCode(seeding)).toBe(0);
    let healthy = false;
    for (let i = 0; i < 300 && !healthy; i++) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy).toBe(true);
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    const contracts = (await (await fetch(`http://127.0.0.1:${port}/api/contracts?limit=500`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(contracts.items).toHaveLength(45);
    expect(service.exitCode).toBeNull();
  }, 120_000);

  it("refuses a second service on the same folder, naming the one that has it", async () => {
    const second = launch(main, { PORT: String(await freePort()) });
    expect(await exitCode(second)).not.toBe(0);
  }, 60_000);
});
