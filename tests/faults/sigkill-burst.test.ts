// The service killed outright (SIGKILL) in the middle of a burst of KPI updates from several
// suppliers at once, on its own embedded storage (killed with it, as in a power cut) and on an
// Azurite reached by connection string. After a restart every update the client saw acknowledged
// (201) is stored, and once; the client then sends every update again with the same
// Idempotency-Key, and each is stored exactly once. Builds on tests/foundation/durability.test.ts,
// which does the same for single writes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startAzurite, type AzuriteProcess } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { burstSuppliers, countByKey, months, planBurst, sendBurst, sendUpdate, storedUpdates, type SentUpdate } from "./kpi-burst.js";

const SUPPLIERS = 4;
const PERIODS = 24;
const IN_FLIGHT_PER_SUPPLIER = 3;
const KILL_AFTER_ACKNOWLEDGED = 30;

const started: ServiceProcess[] = [];
const folders: string[] = [];
let azurite: AzuriteProcess | undefined;

afterAll(async () => {
  for (const service of started) {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill("SIGINT");
      await service.exited();
    }
  }
  await azurite?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function serve(dataDir: string, env: Record<string, string>): Promise<ServiceProcess> {
  const service = startServiceProcess({ port: await freePort(), dataDir, env });
  started.push(service);
  await service.healthy();
  return service;
}

const acknowledged = (answers: SentUpdate[]) => answers.filter((a) => a.status === 201);

describe.each([
  { mode: "embedded", storage: async (): Promise<Record<string, string>> => ({}) },
  {
    mode: "connection-string",
    storage: async (): Promise<Record<string, string>> => {
      azurite = await startAzurite();
      return { TOMS_STORAGE_CONNECTION_STRING: azurite.connectionString };
    },
  },
])("SIGKILL in the middle of a burst of KPI updates ($mode storage)", ({ mode, storage }) => {
  it("keeps every acknowledged update, once, and stores each update once when the client sends them all again with the same keys", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "toms-sigkill-burst-"));
    folders.push(dataDir);
    const env = await storage();
    const first = await serve(dataDir, env);
    const base = `http://127.0.0.1:${first.port}`;
    const suppliers = await burstSuppliers(base, dataDir, SUPPLIERS);
    const plan = planBurst(suppliers, months(PERIODS));

    let acks = 0;
    const kill = () => {
      // The service first, so it cannot answer a 503 for a storage that is gone. Embedded: its Azurite
      // goes too, at once, before it saves (it saves every 5 s), so only the journal has the updates.
      first.child.kill("SIGKILL");
      if (mode === "embedded") process.kill((JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number }).azuritePid, "SIGKILL");
    };
    const answers = await sendBurst(base, plan, IN_FLIGHT_PER_SUPPLIER, (answer) => {
      if (answer.status === 201 && ++acks === KILL_AFTER_ACKNOWLEDGED) kill();
    });
    await first.exited();
    const before = acknowledged(answers);
    const unanswered = answers.filter((a) => a.status === undefined);
    // The kill came mid-burst: some updates were acknowledged, and some got no answer at all.
    expect(before.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(unanswered.length).toBeGreaterThan(0);
    // Whatever was answered before the kill was a 201 (no update was refused).
    expect(answers.filter((a) => a.status !== undefined && a.status !== 201).map((a) => `${a.status} ${a.problem?.detail}`)).toEqual([]);

    const again = await serve(dataDir, env);
    const restarted = `http://127.0.0.1:${again.port}`;
    const afterRestart = await storedUpdates(restarted, dataDir, suppliers);
    const storedIds = new Set(afterRestart.map((u) => u.id));
    const lost = before.filter((a) => !storedIds.has(a.id as string));
    expect(lost.map((a) => `${a.period} of ${a.supplier.contractId}`)).toEqual([]);
    expect([...countByKey(afterRestart).values()].filter((n) => n !== 1)).toEqual([]);

    // The client sends again, with the same key, every update: the unanswered ones and the acknowledged ones alike.
    const resent = await Promise.all(answers.map((a) => sendUpdate(restarted, a)));
    expect(resent.map((a) => a.status)).toEqual(answers.map(() => 201));
    for (const [i, answer] of answers.entries()) {
      // An acknowledged update is the same update, said to be so; nothing new is stored for it.
      if (answer.status === 201) expect(resent[i], answer.key).toMatchObject({ id: answer.id, replayed: true });
    }
    const final = await storedUpdates(restarted, dataDir, suppliers);
    const counts = countByKey(final);
    expect(final).toHaveLength(plan.length);
    expect(plan.filter((u) => counts.get(u.key) !== 1).map((u) => `${u.key}: ${counts.get(u.key) ?? 0}`)).toEqual([]);
    // One row per supplier's period: none was stored twice under two ids.
    expect(new Set(final.map((u) => `${u.kpiId}|${u.period}`)).size).toBe(plan.length);
    const storedUnanswered = unanswered.filter((a) => resent[answers.indexOf(a)]?.replayed).length;
    console.log(`${mode}: ${plan.length} updates sent, ${before.length} acknowledged before the kill, ${unanswered.length} unanswered (${storedUnanswered} of them stored all the same), ${lost.length} acknowledged and lost; after resending, ${final.length} stored`);
    again.child.kill("SIGINT");
    expect(await again.exited()).toBe(0);
  }, 240_000);
});
