// A full disk under the data folder (embedded storage), simulated on any Linux without root: the
// service runs under a file size limit (`ulimit -f`, SIGXFSZ ignored), so a write that would take
// the journal's file past it fails with EFBIG, as on a full disk it fails with ENOSPC. Suppliers
// send a burst of KPI updates: those the journal cannot record get a 507 problem in words saying
// what to do, none a 500, the service keeps running, and after it is restarted without the limit
// (space freed) every update it acknowledged is there, once.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { burstSuppliers, countByKey, months, planBurst, sendBurst, sendUpdate, storedUpdates, type BurstSupplier, type SentUpdate } from "./kpi-burst.js";

// Azurite saves all its tables in one file, which grows by about 1.6 KB per KPI update; the journal
// starts a new file at each start (and after each idle checkpoint), which grows by about 8 KB per
// update (each holds the contract's whole summary). With a limit of Azurite's file's size plus
// 56 KB, the journal's file reaches it after about 20 updates, well before Azurite's file would
// (35): rounds of 9 updates are sent until one is refused. (When Azurite's own file cannot be
// saved, Azurite exits; see the last test.)
const ROOM_BYTES = 56 * 1024;
const MONTHS = 36;
const folders: string[] = [];
const started: ServiceProcess[] = [];
const azuriteFile = (dataDir: string) => join(dataDir, "azurite", "__azurite_db_table__.json");

afterAll(async () => {
  for (const service of started) {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill("SIGINT");
      await service.exited();
    }
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function serve(dataDir: string, fileSizeLimitBlocks?: number): Promise<{ service: ServiceProcess; base: string }> {
  const service = startServiceProcess({ port: await freePort(), dataDir, ...(fileSizeLimitBlocks ? { fileSizeLimitBlocks } : {}) });
  started.push(service);
  await service.healthy();
  return { service, base: `http://127.0.0.1:${service.port}` };
}

/** Asks /healthz until it answers 200 or the time is up; the last status. */
async function healthyWithin(base: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await fetch(`${base}/healthz`);
    if (status === 200 || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(service: ServiceProcess, dataDir: string, signal: "SIGINT" | "SIGKILL"): Promise<number | null> {
  if (signal === "SIGKILL") process.kill((JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number }).azuritePid, "SIGKILL");
  service.child.kill(signal);
  return service.exited();
}

/** A data folder with three suppliers' contracts and KPIs, set up with room to spare and stopped cleanly. */
async function preparedFolder(): Promise<{ dataDir: string; suppliers: BurstSupplier[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), "toms-disk-full-"));
  folders.push(dataDir);
  const { service, base } = await serve(dataDir);
  const suppliers = await burstSuppliers(base, dataDir, 3);
  expect(await stop(service, dataDir, "SIGINT")).toBe(0);
  return { dataDir, suppliers };
}

/** Rounds of updates (three periods from each supplier at once) until one is refused, then one more round. */
async function sendUntilRefused(base: string, dataDir: string, suppliers: BurstSupplier[], limitBytes: number): Promise<{ plan: SentUpdate[]; answers: SentUpdate[] }> {
  const plan: SentUpdate[] = [];
  const answers: SentUpdate[] = [];
  let refusedIn: number | undefined;
  for (let from = 0; refusedIn === undefined || from <= refusedIn + 3; from += 3) {
    if (from >= MONTHS) throw new Error(`No update was refused in ${MONTHS} months of updates: lower ROOM_BYTES.`);
    // Azurite saves every 5 s, so its file may be a round behind: stop well before it would reach the limit.
    if (statSync(azuriteFile(dataDir)).size > limitBytes - 24 * 1024) throw new Error("Azurite's file is nearly at the limit and no update was refused yet: lower ROOM_BYTES.");
    const round = planBurst(suppliers, months(MONTHS).slice(from, from + 3));
    plan.push(...round);
    answers.push(...(await sendBurst(base, round, 3)));
    if (refusedIn === undefined && answers.some((a) => a.status === 507)) refusedIn = from;
  }
  return { plan, answers };
}

describe("a full disk under the data folder", () => {
  it.each([
    { stopped: "stopped cleanly", signal: "SIGINT" as const },
    { stopped: "killed with its storage (SIGKILL)", signal: "SIGKILL" as const },
  ])("answers what it cannot record with a 507 in words, keeps running, and keeps every update it acknowledged when $stopped and started with space again", async ({ signal }) => {
    const { dataDir, suppliers } = await preparedFolder();
    const limitBytes = statSync(azuriteFile(dataDir)).size + ROOM_BYTES;
    const { service, base } = await serve(dataDir, Math.ceil(limitBytes / 512));
    const { plan, answers } = await sendUntilRefused(base, dataDir, suppliers, limitBytes);
    const statuses = answers.map((a) => a.status ?? a.error);
    expect(statuses.filter((s) => s !== 201 && s !== 507), service.output()).toEqual([]);
    const refused = answers.filter((a) => a.status === 507);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.retryAfter).toBe("300");
      expect(answer.problem?.title).toBe("The server is out of disk space");
      expect(answer.problem?.detail).toMatch(/^The server has run out of disk space, so this request could not be completed and a change you were making may not have been saved\. Tell the service desk, so that they can free space on the server; then reload/);
    }
    // It did not crash, and answers again by itself once its journal has room (here, in a new
    // file): at its next try of the refused lines, at most 5 s after the last failed one, so the
    // health check is asked until then (no request can hasten it).
    expect(service.child.exitCode).toBeNull();
    expect(await healthyWithin(base, 30_000), service.output()).toBe(200);
    const acknowledged = answers.filter((a) => a.status === 201);

    if (signal === "SIGINT") expect(await stop(service, dataDir, signal)).toBe(0);
    else await stop(service, dataDir, signal);
    const again = await serve(dataDir);
    const stored = await storedUpdates(again.base, dataDir, suppliers);
    const ids = new Set(stored.map((u) => u.id));
    expect(acknowledged.filter((a) => !ids.has(a.id as string)).map((a) => a.period)).toEqual([]);
    expect([...countByKey(stored).values()].filter((n) => n !== 1)).toEqual([]);
    // What was refused is sent again with its key, as the words say: each is then stored once.
    const resent: SentUpdate[] = await Promise.all(refused.map((a) => sendUpdate(again.base, a)));
    expect(resent.map((a) => a.status)).toEqual(refused.map(() => 201));
    const keptAnyway = resent.filter((a) => a.replayed).length;
    const final = countByKey(await storedUpdates(again.base, dataDir, suppliers));
    expect(plan.filter((u) => final.get(u.key) !== 1)).toEqual([]);
    console.log(`disk full, ${signal}: ${plan.length} updates sent, ${acknowledged.length} acknowledged (all kept), ${refused.length} answered 507 (${keptAnyway} of them kept all the same)`);
    expect(await stop(again.service, dataDir, "SIGINT")).toBe(0);
  }, 240_000);

  it("refuses to start, saying the disk is full and what to do, when Azurite cannot save its own file, and starts with everything once there is room", async () => {
    const { dataDir, suppliers } = await preparedFolder();
    // Two updates, then a power cut: they are in the journal only.
    const running = await serve(dataDir);
    const updates = await sendBurst(running.base, planBurst(suppliers, months(2)), 2);
    expect(updates.map((u) => u.status)).toEqual(updates.map(() => 201));
    await stop(running.service, dataDir, "SIGKILL");
    // Not even Azurite's file as it is now fits: Azurite fails as soon as it saves.
    const service = startServiceProcess({ port: await freePort(), dataDir, fileSizeLimitBlocks: Math.floor(statSync(azuriteFile(dataDir)).size / 512 / 2) });
    started.push(service);
    expect(await service.exited()).not.toBe(0);
    expect(service.output()).toContain(`The TOMs service could not start: The disk under ${dataDir} is full, so the embedded storage cannot save its file. Free some space there, then start the service again.`);
    // Nothing was lost, and the folder is not left locked.
    const again = await serve(dataDir);
    expect(await storedUpdates(again.base, dataDir, suppliers)).toHaveLength(suppliers.length * 2);
    expect(await stop(again.service, dataDir, "SIGINT")).toBe(0);
  }, 240_000);
});
