// Storage that cannot be reached: every request that needs it answers 503 with Retry-After and
// words, never 500, and the service does not stop; when storage is back (the same Azurite started
// again on the same port and folder) the same service answers again by itself. A real service on
// its own real Azurite, which is stopped and started by the test.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { azuriteConnectionString, freePort, startAzurite, type AzuriteProcess } from "@toms/storage";
import { startTestService, type TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

const azuriteFolder = mkdtempSync(join(tmpdir(), "toms-outage-azurite-"));
let azurite: AzuriteProcess;
let service: TestService;
let admin: string;
let supplierId: string;
let contract: { id: string; etag: string };

beforeAll(async () => {
  azurite = await startAzurite({ location: azuriteFolder });
  service = await startTestService({ TOMS_STORAGE_CONNECTION_STRING: azurite.connectionString });
  admin = await service.token("rob.amor", "admin");
  await ensureServiceArea(service, admin);
  const supplier = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Tile Hill Timber Ltd", postcode: "CV4 9AA", employees: 12, turnover: 900_000, balanceSheet: 300_000 } });
  supplierId = ((await supplier.json()) as { id: string }).id;
  const made = await service.call("/api/contracts", { method: "POST", token: admin, body: { reference: "OUT-1", title: "Fencing", supplierId, category: "works", value: 40_000, startDate: "2026-01-01", endDate: "2026-12-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA } });
  contract = { id: ((await made.json()) as { id: string }).id, etag: made.headers.get("etag") as string };
  // SIGINT: it saves its tables first, so they are there when it is started again.
  expect(await azurite.stop()).toBe(true);
}, 60_000);
afterAll(async () => {
  await service.close();
  await azurite.stop();
  rmSync(azuriteFolder, { recursive: true, force: true });
});

describe("storage that cannot be reached", () => {
  it("answers 503 with Retry-After and a problem in words to reads and writes alike", async () => {
    const requests: [string, Parameters<TestService["call"]>[1]][] = [
      ["/api/suppliers", {}],
      [`/api/suppliers/${supplierId}`, {}],
      ["/api/suppliers", { method: "POST", body: { name: "Canley Cleaning Ltd", postcode: "CV4 8DY", employees: 5, turnover: 100_000, balanceSheet: 20_000 } }],
      ["/api/contracts", {}],
      [`/api/contracts/${contract.id}`, { method: "PATCH", body: { title: "Fencing and gates" }, headers: { "if-match": contract.etag } }],
      ["/api/contracts", { method: "POST", body: { reference: "OUT-2", title: "Gates", supplierId, category: "works", value: 1_000, startDate: "2026-01-01", endDate: "2026-12-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA } }],
      ["/api/evaluations", {}],
    ];
    const answers = await Promise.all(requests.map(([path, init]) => service.call(path, { token: admin, ...init })));
    for (const [i, response] of answers.entries()) {
      const label = `${requests[i]?.[1]?.method ?? "GET"} ${requests[i]?.[0]}`;
      expect(response.status, label).toBe(503);
      expect(response.headers.get("retry-after"), label).toBe("30");
      expect(response.headers.get("content-type"), label).toContain("application/problem+json");
      const body = (await response.json()) as { title: string; detail: string };
      expect(body.title).toBe("Storage unavailable");
      expect(body.detail).toContain("cannot reach its storage");
      expect(body.detail).toContain("Try again in 30 seconds");
    }
  }, 60_000);

  it("says so at the health check, with Retry-After", async () => {
    const health = await service.call("/healthz");
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("30");
    expect(await health.json()).toEqual({ status: "degraded", storage: "unavailable" });
  });

  it("answers again by itself, health check included, once the same storage is back on the same port", async () => {
    azurite = await startAzurite({ location: azuriteFolder, port: azurite.port });
    const deadline = Date.now() + 30_000;
    let health = await service.call("/healthz");
    while (health.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      health = await service.call("/healthz");
    }
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", storage: "ok" });
    // What was there before the outage is there; the change refused during it was not made.
    const read = await service.call(`/api/contracts/${contract.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { title: string }).title).toBe("Fencing");
    expect(read.headers.get("etag")).toBe(contract.etag);
    const patched = await service.call(`/api/contracts/${contract.id}`, { method: "PATCH", token: admin, body: { title: "Fencing and gates" }, headers: { "if-match": contract.etag } });
    expect(patched.status).toBe(200);
    const added = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name: "Canley Cleaning Ltd", postcode: "CV4 8DY", employees: 5, turnover: 100_000, balanceSheet: 20_000 } });
    expect(added.status).toBe(201);
    expect((await service.call("/api/evaluations", { token: admin })).status).toBe(200);
  }, 60_000);

  it("stops the service from starting on a connection string to a closed port, in words", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "toms-outage-"));
    try {
      const child = spawn(process.execPath, [fileURLToPath(new URL("../../api/dist/main.js", import.meta.url))], {
        env: { ...process.env, PORT: String(await freePort()), HOST: "127.0.0.1", TOMS_DATA_DIR: dataDir, TOMS_SEED: "none", TOMS_LOG_LEVEL: "silent", TOMS_STORAGE_CONNECTION_STRING: azuriteConnectionString(await freePort()), TOMS_STORAGE_ACCOUNT_URL: "" },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).not.toBe(0);
      expect(stderr).toContain("The TOMs service could not start: The service cannot reach its storage just now.");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
