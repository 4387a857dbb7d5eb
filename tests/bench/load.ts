// `npm run bench -- load`: 100 people reading the tab's portfolio and contract pages as fast as
// they are answered, for 60 s, while suppliers' contacts send 20 KPI updates a second, against one
// service process and then three behind a round-robin, all on one Azurite holding the demo
// portfolio (what `npm start` loads into empty storage). Then every acknowledged update is read
// back. Prints, for one instance and then for three (docs/scale.md):
//   BENCH load-errors N errors (1 instance)       any answer but 2xx, or no answer
//   BENCH load-p95-ms N ms (1 instance)           95th percentile of every request's time
//   BENCH load-updates-lost N updates (1 instance) acknowledged (201) and not read back
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { issueDevelopmentToken } from "@toms/api";
import type { ContractRecord, KpiPeriod, KpiUpdate } from "@toms/domain";
import { freePort, startAzurite } from "@toms/storage";
import { startRoundRobin } from "../support/round-robin.js";
import { startServiceProcess, type ServiceProcess } from "../support/service-process.js";

const SECONDS = Number(process.env["TOMS_BENCH_LOAD_SECONDS"] ?? 60);
const CLIENTS = 100;
const UPDATES_PER_SECOND = 20;
/** Contacts per supplier sending its updates: each is one user to the per-user write limit. */
const CONTACTS_PER_SUPPLIER = 4;
// The demo's contract managers (api/src/seed/demo.ts) and a procurement officer, who sees them all.
const MANAGERS = ["amara.okafor", "james.whitfield", "priya.sandhu", "tom.brennan", "grace.adeyemi", "daniel.kowalski"];
const OFFICER = "rob.amor";
// Where the development issuer keeps its key in a data folder (api/src/auth/dev-issuer.ts): each
// instance gets the same key, so a token is good on all of them.
const DEV_KEY_FILE = "dev-issuer-key.json";

type Contract = ContractRecord & { id: string };
interface KpiView {
  id: string;
  reporter: "supplier" | "manager";
  periods: KpiPeriod[];
}
/** A period a supplier can report now: nothing sent, or a correction owed. */
interface Slot {
  contract: Contract;
  kpiId: string;
  period: string;
}
interface Phase {
  label: string;
  requests: number;
  errors: number;
  /** The first few errors, to say what went wrong. */
  examples: string[];
  times: number[];
  /** The same times by what was asked for: the portfolio, a contract page's reads, an update. */
  timesOf: Record<"portfolio" | "contract" | "update", number[]>;
  acknowledged: { contractId: string; kpiId: string; id: string }[];
  /** CPU seconds the service's processes and Azurite used during the run (NaN where /proc is not there). */
  cpu?: { service: number; storage: number };
}

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? 0;

const azurite = await startAzurite();
const dataDirs = Array.from({ length: 3 }, () => mkdtempSync(join(tmpdir(), "toms-bench-load-")));
const processes: ServiceProcess[] = [];
try {
  // One key for all: made in the first folder, copied to the others before they start.
  const token = (userId: string, roles: Parameters<typeof issueDevelopmentToken>[1]["roles"], supplierId?: string) =>
    issueDevelopmentToken(dataDirs[0] as string, { userId, roles, ...(supplierId ? { supplierId } : {}) });
  const officer = await token(OFFICER, ["admin"]);
  for (const dir of dataDirs.slice(1)) {
    copyFileSync(join(dataDirs[0] as string, DEV_KEY_FILE), join(dir, DEV_KEY_FILE));
    chmodSync(join(dir, DEV_KEY_FILE), 0o600);
  }
  const env = { TOMS_STORAGE_CONNECTION_STRING: azurite.connectionString, TOMS_TABLE_PREFIX: "load", TOMS_BOT_PASS_MINUTES: "0", TOMS_LOG_LEVEL: "error" };
  const start = async (dataDir: string, seed: "demo" | "none") => {
    const started = startServiceProcess({ port: await freePort(), dataDir, env: { ...env, TOMS_SEED: seed } });
    processes.push(started);
    await started.healthy();
    return `http://127.0.0.1:${started.port}`;
  };

  const began = performance.now();
  const first = await start(dataDirs[0] as string, "demo");
  const json = async <T>(url: string, path: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${officer}`, "content-type": "application/json", ...init.headers } });
    if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const contracts: Contract[] = [];
  let cursor: string | undefined;
  do {
    const page = await json<{ items: Contract[]; nextCursor?: string }>(first, `/api/contracts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    contracts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);

  // Enough periods for every update of both runs, each sent once: the demo's own supplier-reported
  // periods still owed, then KPIs added to its contracts (one more to each in turn) until there are.
  const needed = Math.ceil(UPDATES_PER_SECOND * SECONDS * 2 * 1.2);
  const slotsOf = (contract: Contract, kpi: KpiView): Slot[] =>
    kpi.reporter !== "supplier" ? [] : kpi.periods.filter((p) => ["open", "overdue", "rejected"].includes(p.status)).map((p) => ({ contract, kpiId: kpi.id, period: p.period }));
  const slots: Slot[] = [];
  for (const contract of contracts) for (const kpi of (await json<{ items: KpiView[] }>(first, `/api/contracts/${contract.id}/kpis`)).items) slots.push(...slotsOf(contract, kpi));
  let added = 0;
  for (let round = 1; slots.length < needed && round <= 20; round++) {
    for (const contract of contracts) {
      if (slots.length >= needed) break;
      const response = await fetch(`${first}/api/contracts/${contract.id}/kpis`, {
        method: "POST",
        headers: { authorization: `Bearer ${officer}`, "content-type": "application/json" },
        body: JSON.stringify({ title: `Complaints answered within 10 days (${round})`, unit: "%", target: 95, tolerance: 3, direction: "higher", frequency: "monthly", reporter: "supplier" }),
      });
      // A contract exempt from KPIs, say, takes none: the others do.
      if (response.status !== 201) continue;
      slots.push(...slotsOf(contract, (await response.json()) as KpiView));
      added += 1;
    }
  }
  if (slots.length < needed) throw new Error(`The demo portfolio has ${slots.length} periods to report, fewer than the ${needed} the runs need.`);
  // Spread over contracts and suppliers: consecutive updates go to different contracts in turn.
  const byContract = new Map<string, Slot[]>();
  for (const s of slots) byContract.set(s.contract.id, [...(byContract.get(s.contract.id) ?? []), s]);
  const queue: Slot[] = [];
  for (let i = 0; queue.length < slots.length; i++) for (const list of byContract.values()) if (list[i]) queue.push(list[i] as Slot);

  const suppliers = [...new Set(contracts.map((c) => c.supplierId))];
  const contactTokens = new Map<string, string[]>();
  for (const supplierId of suppliers) contactTokens.set(supplierId, await Promise.all(Array.from({ length: CONTACTS_PER_SUPPLIER }, (_, k) => token(`load-contact-${supplierId.slice(0, 8)}-${k + 1}`, ["supplier"], supplierId))));
  // Readers: one in seven a procurement officer (every contract), the others a demo manager (theirs).
  const readers = await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const userId = i % 7 === 0 ? OFFICER : (MANAGERS[i % MANAGERS.length] as string);
      const mine = userId === OFFICER ? contracts : contracts.filter((c) => c.managerId === userId);
      return { token: userId === OFFICER ? officer : await token(userId, ["contract-manager"]), contracts: mine.length > 0 ? mine : contracts };
    }),
  );
  console.error(`Demo portfolio of ${contracts.length} contracts (${suppliers.length} suppliers) loaded, ${added} KPIs added for ${queue.length} periods to report, in ${((performance.now() - began) / 1000).toFixed(0)} s (not timed).`);

  let nextSlot = 0;
  const run = async (label: string, url: string): Promise<Phase> => {
    const phase: Phase = { label, requests: 0, errors: 0, examples: [], times: [], timesOf: { portfolio: [], contract: [], update: [] }, acknowledged: [] };
    const request = async (path: string, token: string, init: RequestInit = {}): Promise<Response | undefined> => {
      const at = performance.now();
      phase.requests += 1;
      const kind = init.method === "POST" ? "update" : path === "/api/dashboard/portfolio" ? "portfolio" : "contract";
      const took = (ms: number) => {
        phase.times.push(ms);
        phase.timesOf[kind].push(ms);
      };
      try {
        const response = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
        // Read whole, as the tab does, before the time is taken.
        const body = await response.text();
        took(performance.now() - at);
        if (response.ok) return new Response(body, { status: response.status, headers: response.headers });
        phase.errors += 1;
        if (phase.examples.length < 5) phase.examples.push(`${init.method ?? "GET"} ${path}: ${response.status} ${body.slice(0, 200)}`);
      } catch (error) {
        took(performance.now() - at);
        phase.errors += 1;
        if (phase.examples.length < 5) phase.examples.push(`${init.method ?? "GET"} ${path}: ${String((error as Error).cause ?? error)}`);
      }
      return undefined;
    };
    const until = performance.now() + SECONDS * 1000;
    const pids = [...processes.map((p) => p.child.pid), azurite.pid];
    const cpuBefore = pids.map(cpuSeconds);

    // A reader opens the portfolio page, then a contract's page (its four reads at once, then each
    // KPI's updates at once, as use-contract.ts does), and again, until the time is up.
    const read = async (reader: (typeof readers)[number], r: number) => {
      for (let n = r; performance.now() < until; n++) {
        if (n % 2 === 0) {
          await request("/api/dashboard/portfolio", reader.token);
          continue;
        }
        const contract = reader.contracts[n % reader.contracts.length] as Contract;
        const [dashboard] = await Promise.all([
          request(`/api/dashboard/contracts/${contract.id}`, reader.token),
          request(`/api/contracts/${contract.id}`, reader.token),
          request(`/api/contracts/${contract.id}/social-value`, reader.token),
          request(`/api/contracts/${contract.id}/assessments`, reader.token),
        ]);
        const kpis = dashboard ? ((await dashboard.json()) as { kpis: { kpi: { id: string } }[] }).kpis : [];
        await Promise.all(kpis.map((k) => request(`/api/contracts/${contract.id}/kpis/${k.kpi.id}/updates`, reader.token)));
      }
    };

    // Updates at a steady rate, each as one of its supplier's contacts: as many sent by now as the
    // rate says, whatever the timer's lateness.
    const writes: Promise<void>[] = [];
    const write = async (slot: Slot, n: number) => {
      const tokens = contactTokens.get(slot.contract.supplierId) as string[];
      const response = await request(`/api/contracts/${slot.contract.id}/kpis/${slot.kpiId}/updates`, tokens[n % tokens.length] as string, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
        body: JSON.stringify({ period: slot.period, value: 90 + (n % 10) }),
      });
      if (response?.status === 201) phase.acknowledged.push({ contractId: slot.contract.id, kpiId: slot.kpiId, id: ((await response.json()) as KpiUpdate).id });
    };
    const startedAt = performance.now();
    let sent = 0;
    const ticker = setInterval(() => {
      const due = Math.min(Math.floor(((performance.now() - startedAt) / 1000) * UPDATES_PER_SECOND), UPDATES_PER_SECOND * SECONDS);
      for (; sent < due; sent++) writes.push(write(queue[nextSlot++] as Slot, sent));
    }, 1000 / UPDATES_PER_SECOND);
    await Promise.all(readers.map(read));
    clearInterval(ticker);
    await Promise.all(writes);
    const used = pids.map((pid, i) => (cpuSeconds(pid) ?? NaN) - (cpuBefore[i] ?? NaN));
    phase.cpu = { service: used.slice(0, -1).reduce((a, b) => a + b, 0), storage: used.at(-1) ?? NaN };
    return phase;
  };

  /** Acknowledged updates not among their KPI's updates when read back afterwards. */
  const lost = async (url: string, phase: Phase): Promise<number> => {
    const byKpi = new Map<string, { contractId: string; kpiId: string; ids: string[] }>();
    for (const a of phase.acknowledged) {
      const entry = byKpi.get(a.kpiId) ?? { contractId: a.contractId, kpiId: a.kpiId, ids: [] };
      entry.ids.push(a.id);
      byKpi.set(a.kpiId, entry);
    }
    let missing = 0;
    for (const { contractId, kpiId, ids } of byKpi.values()) {
      const stored = new Set((await json<{ items: KpiUpdate[] }>(url, `/api/contracts/${contractId}/kpis/${kpiId}/updates`)).items.map((u) => u.id));
      missing += ids.filter((id) => !stored.has(id)).length;
    }
    return missing;
  };

  const report = async (phase: Phase, readBack: string) => {
    const gone = await lost(readBack, phase);
    console.log(`BENCH load-errors ${phase.errors} errors (${phase.label})`);
    console.log(`BENCH load-p95-ms ${p95(phase.times).toFixed(0)} ms (${phase.label})`);
    console.log(`BENCH load-updates-lost ${gone} updates (${phase.label})`);
    // What a request costs, whatever else the machine is doing: the figure to size replicas with.
    if (phase.cpu && Number.isFinite(phase.cpu.service)) console.log(`BENCH load-cpu-ms-per-request ${((phase.cpu.service * 1000) / phase.requests).toFixed(1)} ms-service+${((phase.cpu.storage * 1000) / phase.requests).toFixed(1)} ms-azurite (${phase.label})`);
    console.error(`  ${phase.label}: ${phase.requests} requests in ${SECONDS} s, ${phase.acknowledged.length} updates acknowledged; p95 ${Object.entries(phase.timesOf).map(([k, xs]) => `${k} ${p95(xs).toFixed(0)} ms of ${xs.length}`).join(", ")}${phase.examples.length > 0 ? `; errors such as:\n    ${phase.examples.join("\n    ")}` : ""}`);
  };

  await report(await run("1 instance", first), first);

  const others = await Promise.all(dataDirs.slice(1).map((dir) => start(dir, "none")));
  const balancer = await startRoundRobin([first, ...others]);
  try {
    // Read back through the balancer too: every instance answers for what any of them stored.
    await report(await run("3 instances", balancer.url), balancer.url);
  } finally {
    await balancer.close();
  }
} finally {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGINT");
    await p.exited();
  }
  await azurite.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}
