// The data folder (TOMS_DATA_DIR) holds the development sign-in key, the journal of acknowledged
// writes and the embedded storage's tables, on machines other people use: after a start of the
// real service process on embedded storage and a write, everything in it is the service's user's
// alone (folders 700, files 600), including what Azurite writes; a folder left wider is tightened
// at the start, and the service says so.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import { freePort } from "@toms/storage";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

const parent = mkdtempSync(join(tmpdir(), "toms-data-folder-"));
// Not made by the test: the service makes it.
const dataDir = join(parent, "data");
let service: ServiceProcess | undefined;
let umask: number;

/** Every path under the folder (itself included) with its permission bits, e.g. "journal/": 0o700. */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = {};
  const walk = (path: string) => {
    const stat = lstatSync(path);
    found[`${relative(dir, path)}${stat.isDirectory() ? "/" : ""}`] = stat.mode & 0o777;
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return found;
}

function expectPrivate(found: Record<string, number>): void {
  const wider = Object.entries(found).filter(([path, mode]) => mode !== (path.endsWith("/") ? 0o700 : 0o600));
  expect(wider.map(([path, mode]) => `${path} ${mode.toString(8)}`)).toEqual([]);
}

async function start(): Promise<ServiceProcess> {
  const started = startServiceProcess({ port: await freePort(), dataDir });
  service = started;
  await started.healthy();
  return started;
}

async function stop(): Promise<void> {
  if (!service) return;
  service.child.kill("SIGTERM");
  await service.exited();
  service = undefined;
}

beforeAll(() => {
  // What a shared machine's users usually have (the service inherits it): files readable by all
  // unless the service asks otherwise.
  umask = process.umask(0o022);
});

afterAll(async () => {
  await stop();
  process.umask(umask);
  rmSync(parent, { recursive: true, force: true });
});

describe("the data folder", () => {
  it("is made readable only by the service's user, and so is everything written in it", async () => {
    const running = await start();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    const response = await fetch(`http://127.0.0.1:${running.port}/api/suppliers`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Binley Digital Ltd", postcode: "CV3 2TX", employees: 27, turnover: 2.9e6, balanceSheet: 1.1e6 }),
    });
    expect(response.status).toBe(201);
    // While running: the lock, the key, the journal of the write and Azurite's folder.
    const whileRunning = modes(dataDir);
    expect(Object.keys(whileRunning)).toEqual(expect.arrayContaining(["/", "embedded.lock", "dev-issuer-key.json", "journal/", "azurite/"]));
    expect(Object.keys(whileRunning).some((path) => path.startsWith("journal/") && path !== "journal/")).toBe(true);
    expectPrivate(whileRunning);
    // Stopped: Azurite has saved its tables' files.
    await stop();
    const saved = modes(dataDir);
    expect(Object.keys(saved).filter((path) => path.startsWith("azurite/") && !path.endsWith("/")).length).toBeGreaterThan(0);
    expectPrivate(saved);
  }, 120_000);

  it("is tightened at the start when it was left readable by others, and the service says so", async () => {
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, "dev-issuer-key.json"), 0o644);
    mkdirSync(join(dataDir, "copied"), { mode: 0o755 });
    writeFileSync(join(dataDir, "copied", "notes.txt"), "left by a copy", { mode: 0o644 });
    expect(statSync(dataDir).mode & 0o777).toBe(0o755);
    const running = await start();
    expect(running.output()).toContain("it is now readable only by the user running the service");
    expectPrivate(modes(dataDir));
    await stop();
  }, 120_000);
});
