// The service started where the port is taken: refused at once, before its storage starts, in
// words that say what to change (real processes, a real TOMs service holding the port).
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

const folders: string[] = [];
let holder: ServiceProcess;

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "toms-port-"));
  folders.push(dir);
  return dir;
}

/** Runs a second service to its end (stopped after 30 s if it keeps running): its exit code, or
 * "still running", and everything it printed. */
async function refusedRun(port: number, dataDir: string): Promise<{ code: number | null | "still running"; output: string }> {
  const second = startServiceProcess({ port, dataDir, env: { TOMS_LOG_LEVEL: "info" } });
  const code = await Promise.race([second.exited(), new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 30_000))]);
  if (code === "still running") {
    second.child.kill("SIGINT");
    await second.exited();
  }
  return { code, output: second.output() };
}

/** A second service on the port exits non-zero, saying the port is in use; what it printed. */
async function expectRefused(port: number, dataDir = folder()): Promise<string> {
  const { code, output } = await refusedRun(port, dataDir);
  expect(code).not.toBe(0);
  expect(output).toContain(`Port ${port} is in use (another TOMs Suite or another program); set PORT`);
  return output;
}

function hold(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

const hasIpv6Loopback = await hold(0, "::1").then(
  (server) => (server.close(), true),
  () => false,
);

beforeAll(async () => {
  holder = startServiceProcess({ port: await freePort(), dataDir: folder() });
  await holder.healthy();
}, 90_000);

afterAll(async () => {
  if (holder.child.exitCode === null) {
    holder.child.kill("SIGINT");
    await holder.exited();
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("a port already in use", () => {
  it("refuses a second TOMs service on the port, before starting storage, and the first keeps answering", async () => {
    const dataDir = folder();
    expect(await expectRefused(holder.port, dataDir)).not.toContain("running");
    // Refused before storage: no embedded Azurite, no lock, no journal in its data folder.
    expect(existsSync(dataDir) ? readdirSync(dataDir) : []).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${holder.port}/healthz`)).status).toBe(200);
  }, 60_000);

  it("refuses a port another program holds on 127.0.0.1", async () => {
    const port = await freePort();
    const other = await hold(port, "127.0.0.1");
    try {
      await expectRefused(port);
    } finally {
      other.close();
    }
  }, 60_000);

  // A machine without an IPv6 loopback has nothing to hold there: the test is reported as skipped.
  it.skipIf(!hasIpv6Loopback)("refuses a port another program holds on the IPv6 loopback, where a browser opening localhost may go", async () => {
    const port = await freePort();
    const other = await hold(port, "::1");
    try {
      await expectRefused(port);
    } finally {
      other.close();
    }
  }, 60_000);
});
