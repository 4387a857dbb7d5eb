// Several instances of the service, as a council runs it when one machine is not enough: three
// service processes (what `npm start` runs) on one Azure-compatible storage (the test run's
// Azurite, by connection string, the same tables), behind a loopback round-robin. Each race below
// sends its requests through the round-robin at once, so consecutive requests land on different
// processes, and each test then reads what storage holds, not only what was answered.
// (tests/bot/bot-instances.test.ts races two instances in one process; these are processes.)
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PassReport } from "@toms/bot";
import type { KpiUpdate } from "@toms/domain";
import { freePort } from "@toms/storage";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import { startBotConnector, type BotConnector } from "../support/bot-connector.js";
import { botPortfolio } from "../support/bot-portfolio.js";
import { addContract, addKpi, addSupplier, deliveryPeople, monthAfter, monthStart, postUpdate, readUpdates, supplierContact, todayUk, unique, type People } from "../support/delivery-fixtures.js";
import { startRoundRobin, type RoundRobin } from "../support/round-robin.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";
import { callService, startTestService, type TestService } from "../support/service.js";
import { install } from "../support/teams-chat.js";

const INSTANCES = 3;
// Where the development issuer keeps its key in a data folder (api/src/auth/dev-issuer.ts). Every
// instance is given the same key, so a token signed by it is good on all of them, as an Entra
// token is on every replica in Azure.
const DEV_KEY_FILE = "dev-issuer-key.json";

const processes: ServiceProcess[] = [];
const dataDirs: string[] = [];
let connector: BotConnector;
let balancer: RoundRobin;
/** An instance in this process on the same tables: its storage is what the tests read back, and its key signs the tokens. */
let inspector: TestService;
/** The three processes as one service, through the round-robin: what every fixture below talks to. */
let service: TestService;
let people: People;

beforeAll(async () => {
  connector = await startBotConnector();
  const prefix = `t${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  // No scheduled passes: each test runs the passes it races.
  const env = { TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: prefix, TOMS_BOT_PASS_MINUTES: "0", TOMS_LOG_LEVEL: "error" };
  inspector = await startTestService(env);
  await inspector.token("rob.amor", "admin");
  for (let i = 0; i < INSTANCES; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), "toms-scale-"));
    dataDirs.push(dataDir);
    copyFileSync(join(inspector.dataDir, DEV_KEY_FILE), join(dataDir, DEV_KEY_FILE));
    chmodSync(join(dataDir, DEV_KEY_FILE), 0o600);
    processes.push(startServiceProcess({ port: await freePort(), dataDir, env }));
  }
  await Promise.all(processes.map((p) => p.healthy()));
  balancer = await startRoundRobin(processes.map((p) => `http://127.0.0.1:${p.port}`));
  service = { ...inspector, url: balancer.url, call: (path, init) => callService(balancer.url, path, init) };
  people = await deliveryPeople(service);
}, 120_000);

afterAll(async () => {
  await balancer?.close();
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGINT");
    await p.exited();
  }
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  await inspector?.close();
  await connector?.close();
});

/** A contract of a new supplier, begun three months ago, so that its monthly KPIs have periods to report. */
async function newContract(supplierName?: string) {
  const supplierId = await addSupplier(service, people.admin, supplierName);
  const startDate = monthStart(monthAfter(todayUk(), -3));
  return addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31` });
}

describe("three instances behind a round-robin", () => {
  it("every instance answers, and takes the others' tokens", async () => {
    // One request per instance, in turn: each checks the token and reads the same register.
    const answers = await Promise.all(Array.from({ length: INSTANCES }, () => service.call("/api/me", { token: people.admin })));
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    const outputs = processes.map((p) => p.output());
    expect(outputs.filter((o) => /error|exception/i.test(o))).toEqual([]);
  });

  it("of PATCHes with the same If-Match sent to every instance at once, exactly one wins, the others 412, and the contract holds the winner's change", async () => {
    const contract = await newContract();
    const read = await service.call(`/api/contracts/${contract.id}`, { token: people.admin });
    const etag = read.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    const titles = Array.from({ length: INSTANCES * 3 }, (_, i) => `Street cleansing, lot ${i + 1}`);
    const answers = await Promise.all(titles.map((title) => service.call(`/api/contracts/${contract.id}`, { method: "PATCH", token: people.admin, body: { title }, headers: { "if-match": etag } })));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(titles.length - 1);
    const winner = answers[statuses.indexOf(200)] as Response;
    const title = titles[statuses.indexOf(200)];

    const stored = await inspector.storage.contracts.get(contract.id);
    expect(stored?.title).toBe(title);
    expect(stored?.etag).toBe(winner.headers.get("etag"));
    // Every instance reads the winner's change, with the ETag the winner was given.
    const reads = await Promise.all(Array.from({ length: INSTANCES }, () => service.call(`/api/contracts/${contract.id}`, { token: people.admin })));
    for (const r of reads) {
      expect(r.headers.get("etag")).toBe(winner.headers.get("etag"));
      expect(((await r.json()) as { title: string }).title).toBe(title);
    }
  });

  it("one KPI update sent to every instance at once with one Idempotency-Key is stored once, and every answer is that update", async () => {
    const contract = await newContract();
    const kpi = await addKpi(service, people.admin, contract.id);
    const supplier = await supplierContact(service, contract.supplierId);
    const period = contract.startDate.slice(0, 7);
    const key = crypto.randomUUID();
    const answers = await Promise.all(Array.from({ length: INSTANCES * 2 }, () => postUpdate(service, supplier, contract.id, kpi.id, { period, value: 93 }, key)));
    const statuses = answers.map((r) => r.status);
    // Each is answered as the update recorded (201), all but the first saying it was sent before.
    expect(statuses).toEqual(answers.map(() => 201));
    expect(answers.map((r) => r.headers.get("idempotent-replayed")).sort()).toEqual([null, ...answers.slice(1).map(() => "true")]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as KpiUpdate[];
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);

    const stored = await inspector.storage.delivery.read(contract.id);
    expect(stored.updates.map((u) => [u.kpiId, u.period, u.value, u.revision, u.idempotencyKey])).toEqual([[kpi.id, period, 93, 1, key]]);
    expect(stored.updates[0]?.id).toBe(bodies[0]?.id);
    expect((await readUpdates(service, people.manager, contract.id, kpi.id)).map((u) => u.id)).toEqual([bodies[0]?.id]);
  });

  it("a supplier's year of monthly updates for ten KPIs, sent at once and spread over every instance, is all taken and all stored", async () => {
    // Each update rewrites the contract's summary under its ETag, so the instances race on one
    // partition: the losers read again and go on, and none may give up.
    const supplierId = await addSupplier(service, people.admin);
    const startDate = monthStart(monthAfter(todayUk(), -13));
    const contract = await addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 3}-03-31` });
    const kpis = [];
    for (let i = 0; i < 10; i++) kpis.push(await addKpi(service, people.admin, contract.id));
    const months = Array.from({ length: 12 }, (_, m) => monthAfter(startDate, m).slice(0, 7));
    const supplier = await supplierContact(service, supplierId);
    const answers = await Promise.all(kpis.flatMap((kpi) => months.map((period) => postUpdate(service, supplier, contract.id, kpi.id, { period, value: 91 }))));
    const problems = await Promise.all(answers.filter((r) => r.status !== 201).map(async (r) => `${r.status} ${await r.text()}`));
    expect(problems).toEqual([]);

    const stored = await inspector.storage.delivery.read(contract.id);
    expect(stored.updates).toHaveLength(kpis.length * months.length);
    expect(new Set(stored.updates.map((u) => `${u.kpiId} ${u.period}`)).size).toBe(kpis.length * months.length);
    // The summary the dashboards read has every one of them.
    const periods = stored.summary?.summary.periods ?? {};
    expect(kpis.map((k) => Object.keys(periods[k.id] ?? {}).sort())).toEqual(kpis.map(() => months));
  }, 120_000);

  describe("awards", () => {
    let version: string;
    beforeAll(async () => {
      ({ version } = await publishTestCatalogue(service, people.admin));
    });

    /** Beta Ltd's accepted commitments in the fixtures' tender: 1 FTE year at £100, 50 hours x 50% at £10. */
    const BETA = [
      ["T-1", 1, 1, 100],
      ["T-2", 50, 0.5, 250],
    ];

    async function evaluation(): Promise<string> {
      const response = await service.call("/api/evaluations", { method: "POST", token: people.evaluator, body: tenderSubmission(version, { reference: `CCC-T-${unique()}` }) });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    }

    const award = (evaluationId: string, contractId: string) => service.call(`/api/evaluations/${evaluationId}/award`, { method: "POST", token: people.evaluator, body: { bidder: "Beta Ltd", contractId } });

    async function stored(contractId: string) {
      const state = await inspector.storage.awards.contractState(contractId);
      return { state: state.claim?.state, evaluationId: state.claim?.evaluationId, commitments: state.commitments.map((c) => [c.measure, c.committedQuantity, c.acceptedFraction, c.committedValue]) };
    }

    it("one evaluation awarded on each instance at once, to a different contract each: one contract carries the award, the others nothing", async () => {
      const supplierId = await addSupplier(service, people.admin, "Beta Ltd");
      const startDate = monthStart(monthAfter(todayUk(), -3));
      const contracts = await Promise.all(Array.from({ length: INSTANCES }, () => addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31` })));
      const evaluationId = await evaluation();
      const answers = await Promise.all(contracts.map((c) => award(evaluationId, c.id)));
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(INSTANCES - 1);
      const winner = contracts[statuses.indexOf(200)]?.id;

      const partitions = await Promise.all(contracts.map((c) => stored(c.id)));
      expect(partitions.filter((p) => p.state !== undefined)).toEqual([{ state: "awarded", evaluationId, commitments: BETA }]);
      expect(partitions[statuses.indexOf(200)]?.state).toBe("awarded");
      expect(await inspector.storage.awards.evaluationClaim(evaluationId)).toMatchObject({ contractId: winner });
      expect((await inspector.storage.evaluations.get(evaluationId))?.award).toMatchObject({ contractId: winner, bidder: "Beta Ltd" });
      for (const c of contracts) expect((await inspector.storage.contracts.get(c.id))?.award?.evaluationId).toBe(c.id === winner ? evaluationId : undefined);
    });

    it("the same award sent to every instance at once is made once, and each answers it", async () => {
      const supplierId = await addSupplier(service, people.admin, "Beta Ltd");
      const startDate = monthStart(monthAfter(todayUk(), -3));
      const contract = await addContract(service, people.admin, { supplierId, startDate, endDate: `${Number(startDate.slice(0, 4)) + 2}-03-31` });
      const evaluationId = await evaluation();
      const answers = await Promise.all(Array.from({ length: INSTANCES * 2 }, () => award(evaluationId, contract.id)));
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as { awardedAt: string; contractId: string; totalCommittedValue: number }[];
      expect(new Set(bodies.map((b) => `${b.contractId} ${b.awardedAt} ${b.totalCommittedValue}`)).size).toBe(1);
      expect(await stored(contract.id)).toEqual({ state: "awarded", evaluationId, commitments: BETA });
    });
  });

  it("a prompt pass run on every instance at once sends each prompt once, and storage records each sent once", async () => {
    const portfolio = await botPortfolio(service, { kpiCount: 2, contactCount: 3, people });
    for (const person of [...portfolio.contacts, portfolio.manager]) await install(service, connector, person);
    const before = connector.received().length;
    const admin = await service.token("rob.amor", "admin");
    const run = async () => {
      const response = await service.call("/api/admin/prompts/run", { method: "POST", token: admin });
      expect(response.status).toBe(200);
      return (await response.json()) as PassReport;
    };
    const reports = await Promise.all(Array.from({ length: INSTANCES }, run));

    const sent = connector.received().slice(before).filter((r) => r.kind === "send");
    // Each contact is owed a card per update due, and the manager escalations: more than one each.
    expect(sent.length).toBeGreaterThan(portfolio.contacts.length);
    expect(sent.map((r) => r.status)).toEqual(sent.map(() => 201));
    // Cards carry their dispatch's id (the manager's escalations are plain messages).
    const carded = sent.flatMap((r) => (r.dispatchId ? [r.dispatchId] : []));
    expect(new Set(carded).size).toBe(carded.length);
    expect(reports.reduce((n, r) => n + r.claimed, 0)).toBe(sent.length);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(sent.length);
    expect(new Set(reports.map((r) => r.due)).size).toBe(1);

    // Storage holds one dispatch per prompt, each sent, and each names its own activity in Teams:
    // no prompt sent twice, none sent without its record.
    const dispatches = await inspector.storage.dispatches.ofContract(portfolio.contract.id);
    expect(dispatches.map((d) => d.state)).toEqual(dispatches.map(() => "sent"));
    expect(dispatches.map((d) => d.activityId).sort()).toEqual(sent.map((r) => r.id).sort());
    for (const id of carded) expect(dispatches.map((d) => d.id)).toContain(id);
    // Claimed by the processes behind the round-robin (an owner is host:pid:random), not this one.
    const pids = processes.map((p) => String(p.child.pid));
    for (const d of dispatches) expect(pids).toContain(d.owner.split(":").at(-2));

    // Run again on every instance: nothing is claimed or sent twice.
    const again = await Promise.all(Array.from({ length: INSTANCES }, run));
    expect(again.map((r) => r.claimed)).toEqual(again.map(() => 0));
    expect(connector.received().slice(before).filter((r) => r.kind === "send")).toHaveLength(sent.length);
  });
});
