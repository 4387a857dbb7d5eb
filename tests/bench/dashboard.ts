// `npm run bench -- dashboard`: the portfolio dashboard on 500 contracts x 8 KPIs x 24 monthly
// updates (96,000 updates) in the embedded Azurite, against the same figures counted from every
// update row (what the summaries save), the contract view and the annual report as xlsx. The data
// is loaded once into .cache/bench-dashboard/ and reused while its marker says it is complete.
import { performance } from "node:perf_hooks";
import { issueDevelopmentToken } from "@toms/api";
import { ukDate, type ContractRecord, type PortfolioDashboard } from "@toms/domain";
import { benchData, DIR, DUE_DAYS, prepareBenchData, startBenchService } from "../support/bench-dashboard.js";
import { naivePortfolio, portfolioFigures } from "../support/delivery-data.js";

const CALLS = 50;

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? 0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(call: () => Promise<unknown>): Promise<number> {
  const began = performance.now();
  await call();
  return performance.now() - began;
}

const marker = await prepareBenchData();

const service = await startBenchService();
try {
  const token = await issueDevelopmentToken(DIR, { userId: "rob.amor", roles: ["admin"] });
  const get = async (path: string) => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
  const portfolio = async () => (await (await get("/api/dashboard/portfolio")).json()) as PortfolioDashboard;

  for (let i = 0; i < 3; i++) await portfolio();
  const served: number[] = [];
  for (let i = 0; i < CALLS; i++) served.push(await timed(portfolio));
  console.log(`BENCH dashboard-p95-ms ${p95(served).toFixed(0)} ms`);

  const kpis = new Map(benchData(marker.anchor).map(({ contract, kpis }) => [contract.id, kpis]));
  const naive = async () => {
    const contracts: ContractRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.storage.contracts.list({ today: ukDate(new Date()) }, 500, cursor);
      contracts.push(...page.items.map(({ etag: _etag, ...c }) => c));
      cursor = page.continuationToken;
    } while (cursor);
    return naivePortfolio(service.storage.store, contracts, (id) => kpis.get(id) ?? [], ukDate(new Date()), DUE_DAYS);
  };
  let counted: PortfolioDashboard | undefined;
  const first = await timed(async () => (counted = await naive()));
  // Fewer calls when one takes seconds: the figure is then the slowest of those few.
  const naiveCalls = first > 2_000 ? 10 : CALLS;
  const scans = [first];
  for (let i = 1; i < naiveCalls; i++) scans.push(await timed(naive));
  console.log(`BENCH dashboard-naive-p95-ms ${p95(scans).toFixed(0)} ${naiveCalls === CALLS ? "ms" : `ms-of-${naiveCalls}-calls`}`);

  const shown = portfolioFigures(await portfolio());
  const recount = portfolioFigures(counted as PortfolioDashboard);
  if (JSON.stringify(shown) !== JSON.stringify(recount)) {
    console.log(`BENCH dashboard-figures-match no\n  served: ${JSON.stringify(shown)}\n  counted: ${JSON.stringify(recount)}`);
    process.exitCode = 1;
  } else {
    console.log(`BENCH dashboard-figures-match yes (${(counted as PortfolioDashboard).contracts} contracts, ${JSON.stringify((counted as PortfolioDashboard).ratings)}, ${(counted as PortfolioDashboard).overdueUpdates} overdue)`);
  }

  const ids = [...kpis.keys()];
  const views: number[] = [];
  for (let i = 0; i < CALLS; i++) views.push(await timed(() => get(`/api/dashboard/contracts/${ids[(i * 37) % ids.length]}`).then((r) => r.json())));
  console.log(`BENCH contract-p95-ms ${p95(views).toFixed(0)} ms`);

  const reports: number[] = [];
  for (let i = 0; i < 3; i++) reports.push(await timed(() => get("/api/reports/social-value?format=xlsx").then((r) => r.arrayBuffer())));
  console.log(`BENCH report-ms ${median(reports).toFixed(0)} ms`);
} finally {
  await service.close();
}
