// While an export or import holds the embedded storage, nobody else uses it: a tool is refused in words, the service waits.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BACKUP_TABLES } from "@toms/api";
import { freePort, openStorage, type OpenStorage } from "@toms/storage";
import { startServiceProcess } from "../support/service-process.js";
import { runCommand } from "./support.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const work = mkdtempSync(join(tmpdir(), "toms-backup-exclusive-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The embedded storage held as an export or import holds it (api/src/backup.ts: a tool, exclusive). */
const holdAsBackup = (dataDir: string): Promise<OpenStorage> => openStorage({ dataDir, tablePrefix: "", log: quiet, role: "tool", exclusive: true }, BACKUP_TABLES);

describe("the embedded storage held by an export or import", () => {
  it("says so in its lock", async () => {
    const dataDir = join(work, "lock");
    const held = await holdAsBackup(dataDir);
    try {
      expect(JSON.parse(readFileSync(join(dataDir, "embedded.lock"), "utf8"))).toEqual({ pid: process.pid, role: "tool", exclusive: true });
    } finally {
      await held.close();
    }
  });

  it("refuses a tool (npm run seed, a real process) in words naming the holder, and the tool writes nothing", async () => {
    const dataDir = join(work, "seed");
    const held = await holdAsBackup(dataDir);
    try {
      const seed = await runCommand("seed", [], { TOMS_DATA_DIR: dataDir });
      expect(seed.code).toBe(1);
      expect(seed.stderr).toBe(`The demo portfolio could not be loaded: A TOMs backup (npm run export or npm run import, process ${process.pid}) is using the embedded storage in ${dataDir}. Wait for it to finish, then run this again.\n`);
      expect(await held.store.all("Suppliers")).toEqual([]);
    } finally {
      await held.close();
    }
  }, 60_000);

  it("makes a service started meanwhile wait until it has finished, then the service takes the storage over", async () => {
    const dataDir = join(work, "service");
    const held = await holdAsBackup(dataDir);
    const service = startServiceProcess({ port: await freePort(), dataDir });
    try {
      // Long enough for the service to start, share the holder's Azurite and answer, were it let in.
      await new Promise((r) => setTimeout(r, 5_000));
      expect(await fetch(`http://127.0.0.1:${service.port}/healthz`).then((r) => r.status, () => "no answer")).toBe("no answer");
      expect(service.child.exitCode).toBeNull();
      await held.close();
      await service.healthy();
      expect(JSON.parse(readFileSync(join(dataDir, "embedded.lock"), "utf8"))).toMatchObject({ pid: service.child.pid, role: "service" });
    } finally {
      service.child.kill("SIGTERM");
      await service.exited();
    }
  }, 90_000);
});
