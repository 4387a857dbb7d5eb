// A service manager stops the service by sending SIGTERM to its whole process group, in the
// middle of a burst of writes: the embedded Azurite is not in that group, the service answers
// what is in flight, then stops Azurite itself so that it saves. Nothing answered 2xx is lost.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import { freePort, processIsAlive } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { stopUnderLoad } from "../support/stop-under-load.js";

const dataDir = mkdtempSync(join(tmpdir(), "toms-group-stop-"));
const started: ServiceProcess[] = [];

afterAll(async () => {
  for (const service of started) {
    if (service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill("SIGINT");
      await service.exited();
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGTERM to the service's process group during a burst of writes", () => {
  it("answers no write with a 5xx, stops its Azurite after the requests, and keeps every write it acknowledged", async () => {
    const port = await freePort();
    const service = startServiceProcess({ port, dataDir, groupLeader: true });
    started.push(service);
    await service.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    const lease = JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number };

    const { answers, exitCode } = await stopUnderLoad(service, token, 240, 20);

    const statuses = answers.map((a) => ("status" in a ? a.status : a.error));
    expect(statuses.filter((s) => typeof s === "number" && s >= 500), service.output()).toEqual([]);
    const acknowledged = answers.filter((a): a is { name: string; status: number; id: string } => "status" in a && a.status === 201 && a.id !== undefined);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(exitCode, service.output()).toBe(0);
    // Azurite outlived the group's signal (no unexpected stop, no restart) and was stopped by the service.
    expect(service.output()).not.toContain("stopped unexpectedly");
    expect(processIsAlive(lease.azuritePid)).toBe(false);
    expect(existsSync(join(dataDir, "embedded.lock"))).toBe(false);

    const again = startServiceProcess({ port: await freePort(), dataDir });
    started.push(again);
    await again.healthy();
    const reads = await Promise.all(
      acknowledged.map(async (a) => {
        const response = await fetch(`http://127.0.0.1:${again.port}/api/suppliers/${a.id}`, { headers: { authorization: `Bearer ${token}` } });
        return response.status === 200 ? ((await response.json()) as { name: string }).name : `status ${response.status}`;
      }),
    );
    expect(reads).toEqual(acknowledged.map((a) => a.name));
    again.child.kill("SIGINT");
    expect(await again.exited()).toBe(0);
  }, 180_000);

  it("leaves an Azurite running on its own when the whole group is killed outright, and the next start stops it and takes over", async () => {
    const service = startServiceProcess({ port: await freePort(), dataDir, groupLeader: true });
    started.push(service);
    await service.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    const created = await fetch(`http://127.0.0.1:${service.port}/api/suppliers`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Orphaned Azurite Ltd", postcode: "CV3 4FJ", employees: 3, turnover: 80_000, balanceSheet: 10_000 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const orphan = (JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number }).azuritePid;
    process.kill(-(service.child.pid as number), "SIGKILL");
    await service.exited();
    expect(processIsAlive(orphan)).toBe(true);

    const next = startServiceProcess({ port: await freePort(), dataDir });
    started.push(next);
    await next.healthy();
    expect(processIsAlive(orphan)).toBe(false);
    const read = await fetch(`http://127.0.0.1:${next.port}/api/suppliers/${id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await read.json()) as { name: string }).name).toBe("Orphaned Azurite Ltd");
  }, 180_000);
});
