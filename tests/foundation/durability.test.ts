import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import { freePort } from "@toms/storage";

// The real service process, on its own embedded Azurite, stopped cleanly and killed outright.
const main = fileURLToPath(new URL("../../api/dist/main.js", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "toms-durability-"));
let port: number;
let service: ChildProcess | undefined;
let token: string;

async function start(): Promise<void> {
  service = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", TOMS_DATA_DIR: dataDir, TOMS_SEED: "none", TOMS_LOG_LEVEL: "warn", TOMS_STORAGE_CONNECTION_STRING: "", TOMS_STORAGE_ACCOUNT_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the service did not become healthy within 60 s");
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

async function api(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

async function createContract(supplierId: string, reference: string): Promise<{ id: string; etag: string }> {
  const response = await api("/api/contracts", {
    method: "POST",
    body: { reference, title: `Durable ${reference}`, supplierId, category: "works", value: 250_000, startDate: "2026-01-01", endDate: "2027-12-31", managerId: "amara.okafor", serviceArea: "Property Services and Development" },
  });
  expect(response.status).toBe(201);
  return { id: ((await response.json()) as { id: string }).id, etag: response.headers.get("etag") as string };
}

beforeAll(async () => {
  port = await freePort();
  await start();
  token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
}, 90_000);

afterAll(async () => {
  if (service && service.exitCode === null) {
    service.kill("SIGINT");
    await exited(service);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function titleOf(id: string): Promise<string> {
  return ((await (await api(`/api/contracts/${id}`)).json()) as { title: string }).title;
}

describe("embedded storage durability", () => {
  let supplierId: string;

  it("keeps a contract across a clean stop and start", async () => {
    const supplier = await api("/api/suppliers", { method: "POST", body: { name: "Canley Civil Engineering Ltd", postcode: "CV4 8DY", employees: 142, turnover: 31e6, balanceSheet: 12.5e6 } });
    supplierId = ((await supplier.json()) as { id: string }).id;
    expect([201, 409]).toContain((await api("/api/service-areas", { method: "POST", body: { name: "Property Services and Development" } })).status);
    const { id } = await createContract(supplierId, "DUR-001");
    service?.kill("SIGINT");
    expect(await exited(service as ChildProcess)).toBe(0);
    await start();
    const read = await api(`/api/contracts/${id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { reference: string }).reference).toBe("DUR-001");
  }, 120_000);

  it("keeps an acknowledged write when the service and its storage are killed with SIGKILL", async () => {
    const created = await createContract(supplierId, "DUR-002");
    const lease = JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number; ownerPid: number };
    // Right after the acknowledgement, well inside Azurite's 5-second save interval.
    process.kill(lease.azuritePid, "SIGKILL");
    service?.kill("SIGKILL");
    await exited(service as ChildProcess);
    await start();
    const read = await api(`/api/contracts/${created.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { title: string }).title).toBe("Durable DUR-002");
    // The reference claim written in the same transaction came back too.
    expect((await api("/api/contracts", { method: "POST", body: { reference: "DUR-002", title: "Copy", supplierId, category: "works", value: 1, startDate: "2026-01-01", endDate: "2026-12-31", managerId: "x", serviceArea: "Property Services and Development" } })).status).toBe(409);
  }, 120_000);

  it("keeps an acknowledged update through SIGKILL, and the ETag rule after it", async () => {
    const list = (await (await api("/api/contracts?limit=10")).json()) as { items: { id: string; reference: string }[] };
    const target = list.items.find((c) => c.reference === "DUR-001") as { id: string };
    const read = await api(`/api/contracts/${target.id}`);
    const patched = await api(`/api/contracts/${target.id}`, { method: "PATCH", body: { title: "Renamed before the crash" }, headers: { "if-match": read.headers.get("etag") as string } });
    expect(patched.status).toBe(200);
    const lease = JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number };
    process.kill(lease.azuritePid, "SIGKILL");
    service?.kill("SIGKILL");
    await exited(service as ChildProcess);
    await start();
    const after = await api(`/api/contracts/${target.id}`);
    expect(((await after.json()) as { title: string }).title).toBe("Renamed before the crash");
    // Replay wrote the entity again, so even the ETag the PATCH answered with is stale: a client
    // holding it reloads rather than overwrites.
    const stale = await api(`/api/contracts/${target.id}`, { method: "PATCH", body: { title: "Lost update" }, headers: { "if-match": patched.headers.get("etag") as string } });
    expect(stale.status).toBe(412);
    expect(((await (await api(`/api/contracts/${target.id}`)).json()) as { title: string }).title).toBe("Renamed before the crash");
  }, 120_000);

  it("loses no acknowledged write when only its Azurite dies and is restarted under load", async () => {
    const list = (await (await api("/api/contracts?limit=10")).json()) as { items: { id: string; reference: string }[] };
    const target = (list.items.find((c) => c.reference === "DUR-002") as { id: string }).id;
    const lease = JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number };
    process.kill(lease.azuritePid, "SIGKILL");
    // Keep changing the contract while the service restarts its storage and replays the journal.
    let acknowledged: string | undefined;
    for (let i = 0; i < 40; i++) {
      const read = await api(`/api/contracts/${target}`);
      if (read.status !== 200) continue;
      const title = `Written during the restart ${i}`;
      const patched = await api(`/api/contracts/${target}`, { method: "PATCH", body: { title }, headers: { "if-match": read.headers.get("etag") as string } });
      if (patched.status === 200) acknowledged = title;
    }
    expect(acknowledged).toBeDefined();
    expect(await titleOf(target)).toBe(acknowledged);
    // It recovered by itself: the health check says so, without a restart of the service.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // And it is still so after the restarted storage is itself killed with the service.
    const relaunched = JSON.parse(readFileSync(join(dataDir, "azurite.json"), "utf8")) as { azuritePid: number };
    expect(relaunched.azuritePid).not.toBe(lease.azuritePid);
    process.kill(relaunched.azuritePid, "SIGKILL");
    service?.kill("SIGKILL");
    await exited(service as ChildProcess);
    await start();
    expect(await titleOf(target)).toBe(acknowledged);
  }, 120_000);
});
