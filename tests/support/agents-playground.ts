// The one module that starts Microsoft 365 Agents Playground (@microsoft/m365agentsplayground), the
// local Teams emulator the bot's end-to-end tests chat through. It runs in a temporary folder of its
// own because the Playground reads `.m365agentsplayground.yml` from its working folder, and always
// without telemetry: otherwise it probes 169.254.169.254, which a closed network never answers.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The Teams user the Playground chats as (its `currentUser`). */
export interface PlaygroundUser {
  /** The Entra object id: a real GUID, as Teams sends in `from.aadObjectId`. */
  aadObjectId: string;
  name: string;
  email: string;
  /** The channel account id, `from.id` on the wire; "user-id-0" when not given. */
  id?: string;
}

/** A Playground that is up and answering. */
export interface RunningPlayground {
  /**
   * The web chat, e.g. http://127.0.0.1:43117. The `serviceUrl` it gives the bot names localhost
   * instead (http://localhost:43117/_connector): it listens on every interface, so both answer.
   */
  url: string;
  /** The personal chat's conversation id, `conversation.id` of what the bot receives there. */
  conversationId: string;
  /** Its console output so far: it writes its log to a file, which this includes. */
  output(): string;
  /** Ends it (its whole process group) and removes its folder. */
  stop(): Promise<void>;
}

/** What to start the Playground with. */
export interface PlaygroundOptions {
  /** The bot's messages endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  user: PlaygroundUser;
  /** The Entra tenant: `channelData.tenant.id` and `conversation.tenantId` of every activity. */
  tenantId: string;
  /** A port to listen on; a free one when not given. */
  port?: number;
}

const READY_WITHIN_MS = 30_000;
const STOP_WITHIN_MS = 5_000;

// The package has no "exports", so its package.json resolves; its bin names the CLI.
const require = createRequire(import.meta.url);
const PACKAGE_JSON = require.resolve("@microsoft/m365agentsplayground/package.json");
const CLI = join(dirname(PACKAGE_JSON), (JSON.parse(readFileSync(PACKAGE_JSON, "utf8")) as { bin: { agentsplayground: string } }).bin.agentsplayground);

/** A filler user: the Playground's schema wants exactly five besides the current one. */
function otherUser(n: number): Record<string, string> {
  return { id: `user-id-${n}`, name: `Other User ${n}`, userPrincipleName: `other${n}@example.com`, aadObjectId: randomUUID(), givenName: "Other", surname: `User ${n}`, email: `other${n}@example.com` };
}

/**
 * The Playground's config (schema 0.1.1, in its bundle): every property it requires and no others,
 * which it refuses. Written as JSON, which is YAML too, so names need no quoting rules of ours.
 */
function configFile(options: PlaygroundOptions, conversationId: string): string {
  const [givenName = options.user.name, ...rest] = options.user.name.split(" ");
  const config = {
    version: "0.1.1",
    tenantId: options.tenantId,
    bot: { id: "28:toms-bot", name: "TOMs" },
    currentUser: {
      id: options.user.id ?? "user-id-0",
      name: options.user.name,
      userPrincipleName: options.user.email,
      aadObjectId: options.user.aadObjectId,
      givenName,
      surname: rest.join(" ") || givenName,
      email: options.user.email,
    },
    users: [1, 2, 3, 4, 5].map(otherUser),
    personalChat: { id: conversationId },
    groupChat: { id: `group-${randomUUID()}`, name: "Group chat" },
    team: { id: `team-${randomUUID()}`, name: "Team", aadGroupId: randomUUID(), channels: [] },
  };
  return JSON.stringify(config, null, 2);
}

/** Its console log, which it writes to the file alone when stdout is not a terminal. */
function readLog(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Ends the child's process group: SIGTERM, then SIGKILL if it lingers. */
async function endGroup(child: ChildProcess): Promise<void> {
  if (exited(child) || child.pid === undefined) return;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), STOP_WITHIN_MS);
  await gone;
  clearTimeout(timer);
}

/**
 * Starts Agents Playground as the personal chat between `user` and the bot at `botEndpoint` on the
 * msteams channel, and resolves once it answers /_debug/ping. Rejects, with its output, if it exits
 * first, does not come up within 30 s, or cannot have the port asked for (it would take another).
 *
 * @example
 * const playground = await startAgentsPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, user, tenantId });
 * await page.goto(playground.url);
 * // ...
 * await playground.stop();
 */
export async function startAgentsPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const folder = mkdtempSync(join(tmpdir(), "toms-playground-"));
  const conversationId = `personal-${randomUUID()}`;
  const logFile = join(folder, "playground.log");
  writeFileSync(join(folder, ".m365agentsplayground.yml"), configFile(options, conversationId));

  // Port 0 lets it take a free port itself, with no race; it prints "Listening on <port>".
  const child = spawn(process.execPath, [CLI, "-e", options.botEndpoint, "-c", "msteams", "-p", String(options.port ?? 0), "--disable-telemetry"], {
    cwd: folder,
    env: { ...process.env, APPLICATION_INSIGHTS_NO_STATSBEAT: "true", TEAMSAPPTESTER_BROWSER: "none", M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stop() ends whatever it starts too
  });
  let printed = "";
  child.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  const output = () => [printed.trim(), readLog(logFile).trim()].filter(Boolean).join("\n");
  const stop = async () => {
    await endGroup(child);
    rmSync(folder, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + READY_WITHIN_MS;
    for (;;) {
      if (exited(child)) throw new Error(`Agents Playground exited (code ${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
      if (Date.now() > deadline) throw new Error(`Agents Playground was not ready within ${READY_WITHIN_MS / 1000} s:\n${output()}`);
      const port = /Listening on (\d+)/.exec(printed)?.[1];
      if (port !== undefined) {
        if (options.port !== undefined && Number(port) !== options.port) throw new Error(`Agents Playground could not have port ${options.port} (in use?) and took ${port}.`);
        const url = `http://127.0.0.1:${port}`;
        const pong = await fetch(`${url}/_debug/ping`).then((r) => r.text(), () => "");
        if (pong === "pong") return { url, conversationId, output, stop };
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
