// The data set of the benchmarks on the portfolio (`npm run bench -- dashboard`, `-- tab`): 500
// contracts x 8 KPIs x 24 monthly updates (96,000 updates) in the service's embedded Azurite, loaded
// once into .cache/bench-dashboard/ and reused while its marker says it is complete.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stableId } from "@toms/app";
import { createLogger, loadConfig, startService, type RunningService } from "@toms/api";
import { addDays, commitmentKpi, contractPeriods, DEFAULT_CATALOGUE, deliveryDigest, newKpi, requestDigest, summarise, ukDate, type ContractRecord, type KpiInput, type KpiRecord, type KpiUpdateRecord } from "@toms/domain";
import type { Storage } from "@toms/storage";

/** Contracts in the data set. */
export const CONTRACTS = 500;
const KPIS = 8;
const MONTHS = 24;
/** The service's data folder (its embedded Azurite's files) holding the data set. */
export const DIR = join(process.cwd(), ".cache", "bench-dashboard");
const MARKER = join(DIR, "complete.json");
const MANAGERS = ["amara.okafor", "james.whitfield", "priya.sandhu", "tom.brennan", "grace.adeyemi", "daniel.kowalski"];
const AREAS = ["Adult Services", "Children's Services", "ICT and Digital", "Property Services and Development", "Streetscene and Regulatory Services", "Transportation and Highways"];
/** Days after a period's end that its update is due, in the data set and its service. */
export const DUE_DAYS = 14;

export interface Marker {
  /** The first day of the month the data was made in: its periods end before it. */
  anchor: string;
  contracts: number;
  updates: number;
}

const benchId = (label: string) => stableId(`toms-bench-dashboard:${label}`);

function addMonths(date: string, months: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCMonth(moved.getUTCMonth() + months);
  return moved.toISOString().slice(0, 10);
}

/** Contract i: four years, the last 24 of its months reported; one in ten started a month earlier, that month never reported. */
function benchContract(i: number, anchor: string): Omit<ContractRecord, "id" | "createdAt" | "updatedAt"> & { id: string } {
  const start = addMonths(anchor, i % 10 === 0 ? -MONTHS - 1 : -MONTHS);
  return {
    id: benchId(`contract:${i}`),
    reference: `BENCH-${String(i + 1).padStart(4, "0")}`,
    title: `Bench contract ${i + 1}`,
    supplierId: benchId(`supplier:${i % 20}`),
    category: (["goods", "services", "works"] as const)[i % 3] as ContractRecord["category"],
    value: 500_000 + (i % 25) * 400_000,
    startDate: start,
    endDate: addDays(addMonths(start, 48), -1),
    managerId: MANAGERS[i % MANAGERS.length] as string,
    serviceArea: AREAS[i % AREAS.length] as string,
  };
}

/** Seven KPIs and one entered commitment, all monthly. */
function benchKpis(contract: ContractRecord, i: number): KpiRecord[] {
  const at = `${contract.startDate}T09:00:00.000Z`;
  const kpis = Array.from({ length: KPIS - 1 }, (_, k) => {
    const input: KpiInput = k % 3 === 2
      ? { title: `Incidents ${k + 1}`, unit: "incidents", target: 2, tolerance: 1, direction: "lower", frequency: "monthly", reporter: "manager" }
      : { title: `Service level ${k + 1}`, unit: "%", target: 95, tolerance: 3, direction: "higher", frequency: "monthly", reporter: "manager" };
    return newKpi(contract, input, { id: benchId(`kpi:${i}:${k}`), by: contract.managerId, at });
  });
  const measure = DEFAULT_CATALOGUE.measures.find((m) => m.code === "CCC-EC03");
  if (!measure?.proxyValue) throw new Error("The council's catalogue has no priced CCC-EC03.");
  const committedQuantity = 4 + (i % 5);
  const commitment = commitmentKpi(
    { ...contract, createdAt: at },
    { measure: measure.code, name: measure.name, theme: measure.theme, outcomes: measure.outcomes, unit: measure.unit, committedQuantity, acceptedFraction: 1, proxyValue: measure.proxyValue, committedValue: committedQuantity * measure.proxyValue, catalogueVersion: DEFAULT_CATALOGUE.version, source: "entered" },
    { id: benchId(`kpi:${i}:commitment`), frequency: "monthly", dueDays: DUE_DAYS },
  );
  return [...kpis, commitment];
}

/** The 24 months before the anchor, each sent by the manager a few days after its end. */
function benchUpdates(contract: ContractRecord, kpi: KpiRecord, i: number, k: number, anchor: string): KpiUpdateRecord[] {
  const months = contractPeriods(contract, "monthly", DUE_DAYS).filter((p) => p.endDate < anchor).slice(-MONTHS);
  return months.map((p, m) => {
    const swing = (((i * 7 + k * 3 + m * 5) % 11) - 6) / 2.5;
    const value = kpi.kind === "social-value" ? Math.round((kpi.versions[0]?.target ?? 0) * (0.5 + ((i + m) % 7) / 10) * 100) / 100 : kpi.unit === "%" ? Math.min(100, Math.round((95 + 3 * swing) * 10) / 10) : Math.max(0, Math.round(2 - swing));
    const input = { period: p.period, value };
    return { id: benchId(`update:${kpi.id}:${p.period}`), contractId: contract.id, kpiId: kpi.id, ...input, revision: 1, submittedAs: "council", submittedBy: contract.managerId, submittedAt: `${addDays(p.endDate, 1 + (m % 10))}T10:00:00.000Z`, idempotencyKey: `bench-${p.period}`, requestDigest: requestDigest(kpi.id, input) };
  });
}

/** The data set's contracts and their KPIs, as made in the month of `anchor`. */
export function benchData(anchor: string): { contract: ReturnType<typeof benchContract>; kpis: KpiRecord[] }[] {
  return Array.from({ length: CONTRACTS }, (_, i) => {
    const contract = benchContract(i, anchor);
    const record: ContractRecord = { ...contract, createdAt: `${contract.startDate}T09:00:00.000Z`, updatedAt: `${contract.startDate}T09:00:00.000Z` };
    return { contract, kpis: benchKpis(record, i) };
  });
}

async function load(storage: Storage, anchor: string): Promise<number> {
  for (let s = 0; s < 20; s++) {
    const id = benchId(`supplier:${s}`);
    if (!(await storage.suppliers.get(id))) await storage.suppliers.create({ name: `Bench Supplier ${s + 1} Ltd`, postcode: "CV1 5RR", employees: 40, turnover: 4_000_000, balanceSheet: 2_000_000, vcse: false }, id);
  }
  let updates = 0;
  const data = benchData(anchor);
  let next = 0;
  // Eight contracts at a time: the load is not what is measured.
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < data.length) {
      const i = next++;
      const { contract: { id, ...input }, kpis } = data[i] as (typeof data)[number];
      const stored = (await storage.contracts.get(id)) ?? (await storage.contracts.create(input, id));
      const rows = kpis.flatMap((kpi, k) => benchUpdates(stored, kpi, i, k, anchor));
      const summary = summarise({ contractId: id, kpis, updates: rows, reviews: [], assessments: [], publications: [] }, 1, `${anchor}T00:00:00.000Z`);
      await storage.delivery.load(id, { kpis, updates: rows, reviews: [], assessments: [], publications: [] }, summary, deliveryDigest(summary));
      updates += rows.length;
    }
  }));
  return updates;
}

/** The service on the data set: embedded Azurite in DIR, a free loopback port, development sign-in. */
export async function startBenchService(): Promise<RunningService> {
  return startService(loadConfig({ PORT: "0", HOST: "127.0.0.1", TOMS_DATA_DIR: DIR, TOMS_SEED: "none", TOMS_LOG_LEVEL: "silent", TOMS_UPDATE_DUE_DAYS: String(DUE_DAYS) }), createLogger("silent"));
}

/**
 * The data set's marker: loads the data set first when it is not complete (not timed; it takes a
 * while once), saying on stderr which it did.
 */
export async function prepareBenchData(): Promise<Marker> {
  let marker: Marker | undefined = existsSync(MARKER) ? (JSON.parse(readFileSync(MARKER, "utf8")) as Marker) : undefined;
  if (!marker) {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const anchor = `${ukDate(new Date()).slice(0, 7)}-01`;
    const began = performance.now();
    const loading = await startBenchService();
    const updates = await load(loading.storage, anchor);
    // Stopped before the marker is written, so that the embedded Azurite has saved everything.
    await loading.close();
    marker = { anchor, contracts: CONTRACTS, updates };
    writeFileSync(MARKER, JSON.stringify(marker));
    console.error(`Loaded ${CONTRACTS} contracts and ${updates} updates into ${DIR} in ${((performance.now() - began) / 1000).toFixed(0)} s (not timed; reused next time).`);
  } else {
    console.error(`Reusing the ${marker.updates} updates in ${DIR} (made ${marker.anchor.slice(0, 7)}); delete the folder to make them again.`);
  }
  return marker;
}
