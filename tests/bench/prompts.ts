// `npm run bench -- prompts`: one prompt pass of the real service (its own process) sending 5,000
// update cards to 5,000 Teams chats through the tests' Bot Connector stand-in, which keeps Teams'
// limit of 50 sends a second for the app (answering 429 to a send over it) and answers 5% of sends
// 429 with Retry-After. Timed from the admin's pass request to its answer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { issueDevelopmentToken, loadConfig } from "@toms/api";
import { connectStorage, freePort, startAzurite } from "@toms/storage";
import { APP_SENDS_PER_SECOND, startBotConnector, type ReceivedActivity } from "../support/bot-connector.js";
import { loadPromptBench, PROMPT_BENCH_ENV } from "../support/bench-prompts.js";
import { startServiceProcess } from "../support/service-process.js";
import type { PassReport } from "@toms/bot";

const SUPPLIERS = 100;
const CONTACTS_EACH = 50;
const FAIL_SHARE = 0.05;
const RETRY_AFTER_SECONDS = 1;
const SEED = 20_261_202;

/** The 429s the stand-in answered for its app limit (50 accepted within the second before), apart from those it was told to fail. */
function limitRefusals(received: readonly ReceivedActivity[]): number {
  const accepted: number[] = [];
  let refused = 0;
  for (const r of received) {
    if (r.status >= 200 && r.status < 300) accepted.push(r.at);
    else if (r.status === 429 && accepted.filter((at) => at > r.at - 1_000).length >= APP_SENDS_PER_SECOND) refused += 1;
  }
  return refused;
}

/** The most sends that arrived within any `spanMs`: about 50 in a burst, a few when the sends are spread out. */
function mostWithin(received: readonly ReceivedActivity[], spanMs: number): number {
  let most = 0;
  for (let from = 0, to = 0; to < received.length; to++) {
    while ((received[from]?.at ?? 0) <= (received[to]?.at ?? 0) - spanMs) from++;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

const azurite = await startAzurite();
const dataDir = mkdtempSync(join(tmpdir(), "toms-bench-prompts-"));
const connector = await startBotConnector({ enforceLimits: true });
try {
  const env = { ...PROMPT_BENCH_ENV, TOMS_STORAGE_CONNECTION_STRING: azurite.connectionString, TOMS_TABLE_PREFIX: "benchprompts" };
  const config = loadConfig({ TOMS_DATA_DIR: dataDir, TOMS_SEED: "none", ...env });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const storage = await connectStorage({ dataDir, connectionString: azurite.connectionString, tablePrefix: config.tablePrefix, log: quiet });
  const loadBegan = performance.now();
  const contacts = await loadPromptBench(storage, connector.url, SUPPLIERS, CONTACTS_EACH);
  console.error(`Loaded ${SUPPLIERS} contracts and ${contacts.length} contacts with chats in ${((performance.now() - loadBegan) / 1000).toFixed(0)} s (not timed).`);

  const service = startServiceProcess({ port: await freePort(), dataDir, env });
  try {
    await service.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    connector.failFraction(FAIL_SHARE, 429, RETRY_AFTER_SECONDS, SEED);

    const began = performance.now();
    const startedAt = Date.now();
    const response = await fetch(`http://127.0.0.1:${service.port}/api/admin/prompts/run`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    const seconds = (performance.now() - began) / 1000;
    if (!response.ok) throw new Error(`The pass answered ${response.status}: ${await response.text()}\n${service.output()}`);
    const report = (await response.json()) as PassReport;

    const received = connector.received().filter((r) => r.kind === "send");
    const delivered = received.filter((r) => r.status >= 200 && r.status < 300 && r.dispatchId !== undefined);
    const perDispatch = new Map<string, number>();
    for (const r of delivered) perDispatch.set(r.dispatchId as string, (perDispatch.get(r.dispatchId as string) ?? 0) + 1);
    const reached = new Set(delivered.map((r) => r.conversationId));
    const lost = contacts.filter((c) => !reached.has(c.conversationId)).length;
    const duplicated = [...perDispatch.values()].filter((n) => n > 1).length;
    const first = received[0]?.at ?? startedAt;
    const last = received.at(-1)?.at ?? first;
    const refusedForLimit = limitRefusals(received);

    console.log(`BENCH prompts-per-second ${(perDispatch.size / seconds).toFixed(1)} prompts/s`);
    console.log(`BENCH prompts-lost ${lost} prompts`);
    console.log(`BENCH prompts-duplicated ${duplicated} prompts`);
    // Where the time went: the pass's own work before the first send, and the sends' pace.
    console.log(`BENCH prompts-pass-seconds ${seconds.toFixed(1)} s (${perDispatch.size} delivered, ${received.length} sends made)`);
    console.log(`BENCH prompts-before-first-send ${((first - startedAt) / 1000).toFixed(1)} s`);
    console.log(`BENCH prompts-sends-per-second ${(received.length / Math.max(0.001, (last - first) / 1000)).toFixed(1)} sends/s (first to last send)`);
    console.log(`BENCH prompts-429-injected ${received.filter((r) => r.status === 429).length - refusedForLimit} sends`);
    console.log(`BENCH prompts-429-over-limit ${refusedForLimit} sends`);
    console.log(`BENCH prompts-most-sends-within-50ms ${mostWithin(received, 50)} sends`);
    console.log(`BENCH prompts-pass-report ${JSON.stringify(report)}`);
    if (report.due !== contacts.length) {
      console.error(`The pass found ${report.due} prompts due, not ${contacts.length}: the data set is not what the figures assume.`);
      process.exitCode = 1;
    }
    if (lost > 0 || duplicated > 0) process.exitCode = 1;
  } finally {
    service.child.kill("SIGTERM");
    await service.exited();
  }
  await storage.close();
} finally {
  await connector.close();
  await azurite.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
