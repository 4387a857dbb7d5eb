// Exactly once across instances and restarts: two services on one storage running passes at the
// same moment, and a service killed in the middle of a pass then started again.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { issueDevelopmentToken } from "@toms/api";
import type { PassReport } from "@toms/bot";
import { freePort } from "@toms/storage";
import { startBotConnector, type BotConnector, type ReceivedActivity } from "../support/bot-connector.js";
import { botPortfolio, overdueOf, type BotPortfolio } from "../support/bot-portfolio.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { startTestService, type TestService } from "../support/service.js";
import { cardOf, cardText, install } from "../support/teams-chat.js";


/** A prompt as Teams would show it: its dispatch id, or for a notice its chat and words. */
const identity = (r: ReceivedActivity) => r.dispatchId ?? `${r.conversationId} ${cardText(cardOf(r))}`;
const prompts = (received: readonly ReceivedActivity[]) => received.filter((r) => r.kind === "send");

async function pass(url: string, token: string): Promise<PassReport> {
  const response = await fetch(`${url}/api/admin/prompts/run`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as PassReport;
}

async function installAll(service: TestService, connector: BotConnector, portfolio: BotPortfolio): Promise<void> {
  for (const person of [...portfolio.contacts, portfolio.manager]) await install(service, connector, person);
}

describe("two instances on one storage", () => {
  let connector: BotConnector;
  const services: TestService[] = [];
  beforeAll(async () => {
    connector = await startBotConnector();
    const prefix = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    for (let i = 0; i < 2; i++) services.push(await startTestService({ TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0" }));
  });
  afterAll(async () => {
    for (const service of services) await service.close();
    await connector?.close();
  });

  it("send each prompt once when both run a pass at the same moment", async () => {
    const [a, b] = services as [TestService, TestService];
    const portfolio = await botPortfolio(a, { kpiCount: 2, contactCount: 3 });
    await installAll(a, connector, portfolio);
    const before = connector.received().length;
    const reports = await Promise.all([pass(a.url, await a.token("rob.amor", "admin")), pass(b.url, await b.token("rob.amor", "admin"))]);

    const sent = prompts(connector.received().slice(before));
    const owed = (await overdueOf(a, portfolio.managerToken, portfolio.contract.id)).filter((i) => i.owedBy === "supplier");
    // Each contact one card per update owed, and the manager at least the escalations.
    expect(sent.length).toBeGreaterThan(owed.length * portfolio.contacts.length);
    expect(new Set(sent.map(identity)).size).toBe(sent.length);
    expect(sent.every((r) => r.status === 201)).toBe(true);
    expect(reports[0].claimed + reports[1].claimed).toBe(sent.length);
    expect(reports[0].sent + reports[1].sent).toBe(sent.length);
    // Both worked out the same prompts; each sent what it claimed.
    expect(reports[0].due).toBe(reports[1].due);

    const again = await Promise.all([pass(a.url, await a.token("rob.amor", "admin")), pass(b.url, await b.token("rob.amor", "admin"))]);
    expect(again.map((r) => r.claimed)).toEqual([0, 0]);
    expect(prompts(connector.received().slice(before))).toHaveLength(sent.length);
  });
});

describe("a service killed in the middle of a pass", () => {
  let connector: BotConnector;
  let setup: TestService;
  const prefix = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const dataDir = mkdtempSync(join(tmpdir(), "toms-bot-restart-"));
  const processes: ServiceProcess[] = [];
  // A short lease, so that the next start may take over what the killed one claimed.
  const env = { TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0", TOMS_BOT_LEASE_SECONDS: "2", TOMS_LOG_LEVEL: "error" };

  beforeAll(async () => {
    connector = await startBotConnector();
    setup = await startTestService({ TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0" });
  });
  afterAll(async () => {
    for (const service of processes) if (service.child.exitCode === null && service.child.signalCode === null) service.child.kill("SIGKILL");
    await setup?.close();
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends after the restart what was claimed and not sent, and never sends again what may have arrived", async () => {
    // Four contacts owing several cards each: more than Teams lets one chat receive in a second.
    const portfolio = await botPortfolio(setup, { kpiCount: 3, contactCount: 4 });
    await installAll(setup, connector, portfolio);
    const before = connector.received().length;

    const first = startServiceProcess({ port: await freePort(), dataDir, env });
    processes.push(first);
    await first.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    // Teams takes the first sends and never answers: their fate is unknown when the service dies.
    connector.hold(true);
    const running = fetch(`http://127.0.0.1:${first.port}/api/admin/prompts/run`, { method: "POST", headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
    await connector.waitFor((all) => prompts(all.slice(before)).length >= 10, 20_000);
    first.child.kill("SIGKILL");
    await first.exited();
    await running;
    connector.hold(false);
    const held = prompts(connector.received().slice(before));

    // After the lease has run out, the next start takes over the rest.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const second = startServiceProcess({ port: await freePort(), dataDir, env });
    processes.push(second);
    await second.healthy();
    const report = await pass(`http://127.0.0.1:${second.port}`, token);

    const all = prompts(connector.received().slice(before));
    const after = all.slice(held.length);
    // What reached Teams before the kill is not sent again: marked interrupted instead, with the
    // few the queue had recorded as sending ahead of their slot (at most 10: it cannot know).
    expect(report.interrupted).toBeGreaterThanOrEqual(held.length);
    expect(report.interrupted).toBeLessThanOrEqual(held.length + 10);
    expect(after.filter((r) => held.some((h) => identity(h) === identity(r)))).toEqual([]);
    // What was claimed and waiting is sent now, once each; nothing owed is left unasked.
    expect(report.recovered).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 201)).toBe(true);
    expect(new Set(all.map(identity)).size).toBe(all.length);
    expect(report.recovered + report.claimed).toBe(after.length);
    expect(all.length + (report.interrupted - held.length)).toBe(report.due - report.withoutConversation);

    // The Overdue view says of what is overdue how its latest prompt went, in words a manager can act on.
    const items = (await overdueOf(setup, portfolio.managerToken, portfolio.contract.id)).filter((i) => i.owedBy === "supplier");
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(["sent", "interrupted"]).toContain(item.prompted?.state);
      if (item.prompted?.state === "interrupted") expect(item.prompted.error).toContain("not known whether it arrived");
    }
    second.child.kill("SIGINT");
    expect(await second.exited()).toBe(0);
  }, 120_000);
});
