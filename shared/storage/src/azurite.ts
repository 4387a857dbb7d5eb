import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { processIsAlive } from "./journal.js";
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from "./data-folder.js";

/** Azurite's documented development account: public, not a secret. */
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export function azuriteConnectionString(port: number, host = "127.0.0.1"): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`;
}

export interface AzuriteOptions {
  /** Folder for Azurite's files; omitted = in memory (tests). */
  location?: string;
  port?: number;
  /** Runs Azurite in a process group of its own, so that a signal to its owner's group (a service
   * manager's stop, Ctrl+C in a terminal) does not reach it and the owner stops it after its last
   * request. If the owner dies, the next owner of the data folder stops it (see open.ts). */
  ownProcessGroup?: boolean;
  /** Called when it stops without being asked to, with the end of what it printed to stderr. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null, stderr: string) => void;
  log?: (message: string) => void;
}

/** A running Azurite table service started by this process. */
export interface AzuriteProcess {
  pid: number;
  port: number;
  connectionString: string;
  /** When it began serving: writes after this are in its memory. */
  startedAt: number;
  alive(): boolean;
  /** SIGINT makes Azurite save before it exits (SIGTERM and SIGKILL do not). True when it exited
   * on its own after saving, false when it had to be killed or had already died. */
  stop(): Promise<boolean>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function azuriteTableScript(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve("azurite/package.json"), "..", "dist", "src", "table", "main.js");
}

/** True when something accepts connections on the loopback port. */
export function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // What it printed says why (a disk with no room for its file, a damaged file).
    if (child.exitCode !== null) throw new Error(`Azurite's table service exited (code ${child.exitCode}) before it was ready. ${stderr().trim()}`.trim());
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Azurite's table service did not start listening on port ${port} within ${timeoutMs / 1000} s.`);
}

export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteProcess> {
  const port = options.port ?? (await freePort());
  // Azurite writes its tables' files itself: its umask makes them readable only by this user.
  // Set before its own code runs (a data: module), as spawn cannot set a child's umask.
  const args = ["--import", "data:text/javascript,process.umask(0o077)", azuriteTableScript(), "--tableHost", "127.0.0.1", "--tablePort", String(port), "--skipApiVersionCheck", "--disableTelemetry", "--silent"];
  if (options.location) {
    mkdirSync(options.location, { recursive: true, mode: PRIVATE_DIR_MODE });
    args.push("--location", options.location);
  } else {
    args.push("--inMemoryPersistence");
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], detached: options.ownProcessGroup ?? false });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  let stopping = false;
  child.on("exit", (code, signal) => {
    if (!stopping) {
      options.log?.(`Azurite's table service stopped unexpectedly (code ${code}, signal ${signal}). ${stderr.trim()}`);
      options.onExit?.(code, signal, stderr);
    }
  });
  await waitForPort(port, child, 30_000, () => stderr);
  return {
    pid: child.pid ?? 0,
    port,
    connectionString: azuriteConnectionString(port),
    startedAt: Date.now(),
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<boolean>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(false);
        stopping = true;
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        // Only a normal exit means Azurite's own SIGINT handler ran and saved.
        child.once("exit", (code) => { clearTimeout(timer); resolve(code === 0); });
        child.kill("SIGINT");
      }),
  };
}

/** What the owner of an embedded Azurite records so other processes on the same data folder
 * (npm run seed, the toms CLI) use it instead of starting a second one on the same files. */
export interface AzuriteLease {
  azuritePid: number;
  ownerPid: number;
  port: number;
}

const LEASE_FILE = "azurite.json";

export function readLease(dataDir: string): AzuriteLease | undefined {
  const file = join(dataDir, LEASE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as AzuriteLease;
  } catch {
    return undefined;
  }
}

export function writeLease(dataDir: string, lease: AzuriteLease): void {
  const tmp = join(dataDir, `${LEASE_FILE}.tmp`);
  writeFileSync(tmp, JSON.stringify(lease), { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, join(dataDir, LEASE_FILE));
}

/** Stops an Azurite left behind by a process that died (SIGINT: it saves first). */
export async function stopOrphan(pid: number): Promise<void> {
  if (!processIsAlive(pid)) return;
  process.kill(pid, "SIGINT");
  const deadline = Date.now() + 15_000;
  while (processIsAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (processIsAlive(pid)) process.kill(pid, "SIGKILL");
}

/** True when the pid is an Azurite process (guards against a recycled pid). */
export function isAzurite(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("azurite");
  } catch {
    return processIsAlive(pid);
  }
}
