import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import { inject } from "vitest";
import type { Role } from "@toms/domain";
import { createLogger, issueDevelopmentToken, loadConfig, startService, type RunningService } from "@toms/api";

export interface TestService extends RunningService {
  dataDir: string;
  /** A development token for this service's issuer. */
  token(userId: string, roles: Role | Role[], extra?: { supplierId?: string; name?: string }): Promise<string>;
  /** fetch against the service, JSON in and out. */
  call(path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

/** What a test may change of the service beyond its settings: its clock, and how long its tokens last (seconds). */
export interface TestServiceOptions {
  now?: Date;
  tokenLifetime?: number;
  /** Microsoft Graph's token for the mail transport (with TOMS_MAIL_GRAPH_MAILBOX and TOMS_GRAPH_URL at a stand-in): nothing may reach Entra. */
  graphToken?: () => Promise<string>;
}

/** The real service on a free loopback port, on the shared test Azurite, in its own tables (unless TOMS_TABLE_PREFIX names shared ones); silent unless given a logger. */
export async function startTestService(env: Record<string, string> = {}, log: Logger = createLogger("silent"), options: TestServiceOptions = {}): Promise<TestService> {
  const dataDir = mkdtempSync(join(tmpdir(), "toms-test-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    TOMS_DATA_DIR: dataDir,
    TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"),
    TOMS_TABLE_PREFIX: `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`,
    TOMS_SEED: "none",
    TOMS_LOG_LEVEL: "silent",
    // Every test service mails (its own development mailbox): at Exchange Online's 30 a minute, an
    // admin's pass that asks a few contacts by e-mail would wait minutes. The pace itself is tested
    // in bot/src/outbound/outbound-queue.test.ts.
    TOMS_MAIL_PER_MINUTE: "6000",
    ...env,
  });
  const { now, tokenLifetime, graphToken } = options;
  const service = await startService(config, log, now ? () => now : undefined, graphToken ? { mail: { graphToken } } : {});
  return {
    ...service,
    dataDir,
    close: async () => {
      await service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    token: (userId, roles, extra = {}) =>
      issueDevelopmentToken(dataDir, { userId, roles: Array.isArray(roles) ? roles : [roles], ...(tokenLifetime !== undefined ? { lifetime: tokenLifetime } : {}), ...extra }),
    call: (path, init = {}) => callService(service.url, path, init),
  };
}

/** What `TestService.call` takes besides the path. */
export type CallInit = NonNullable<Parameters<TestService["call"]>[1]>;

/** fetch against the service at `url`, JSON in and out: `TestService.call` for a service reached
 * another way (its own process, or several behind a balancer). */
export function callService(url: string, path: string, init: CallInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) } : {}),
  });
}
