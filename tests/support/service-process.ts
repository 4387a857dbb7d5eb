// The real service as its own process (`api/dist/main.js`, what `npm start` runs), for tests and
// benchmarks that start, signal and stop it. No vitest here, so benchmarks can use it too.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// Beside @toms/api's entry, found as a package so this works from tests/ and compiled benchmarks alike.
const MAIN = join(dirname(createRequire(import.meta.url).resolve("@toms/api")), "main.js");

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves once /healthz answers 200; rejects if it exits first or takes over a minute. */
  healthy(): Promise<void>;
  /** Its exit code once it has exited (null when a signal ended it). */
  exited(): Promise<number | null>;
}

/** Starts the service on embedded storage in `dataDir` (unless `env` says otherwise). With
 * `groupLeader`, it leads its own process group, as under a service manager. With
 * `fileSizeLimitBlocks`, no file it (or its embedded Azurite) writes may grow past that many
 * 512-byte blocks (sh's `ulimit -f`, with SIGXFSZ ignored): a write past it fails with EFBIG, as
 * one on a full disk fails with ENOSPC, on any Linux and without root. */
export function startServiceProcess(options: { port: number; dataDir: string; groupLeader?: boolean; env?: Record<string, string>; fileSizeLimitBlocks?: number }): ServiceProcess {
  const [command, args] = options.fileSizeLimitBlocks === undefined
    ? [process.execPath, [MAIN]]
    : ["sh", ["-c", `trap '' XFSZ; ulimit -f ${options.fileSizeLimitBlocks}; exec "$0" "$1"`, process.execPath, MAIN]];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(options.port), HOST: "127.0.0.1", TOMS_DATA_DIR: options.dataDir, TOMS_SEED: "none", TOMS_LOG_LEVEL: "warn", TOMS_STORAGE_CONNECTION_STRING: "", TOMS_STORAGE_ACCOUNT_URL: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.groupLeader ?? false,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    port: options.port,
    output: () => output,
    exited: () => exit,
    healthy: async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited before it was healthy:\n${output}`);
        if (await fetch(`http://127.0.0.1:${options.port}/healthz`).then((r) => r.status === 200, () => false)) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`the service did not become healthy within 60 s:\n${output}`);
    },
  };
}
