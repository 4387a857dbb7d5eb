// The portfolio dashboard worked out the naive way, from every update row in storage, for the
// tests and the bench to hold the service's figures (kept on every write) against.
import { odata } from "@azure/data-tables";
import { deliveryCounts, deliveryDigest, portfolioDashboard, summarise, type AssessmentRecord, type ContractRecord, type KpiRecord, type KpiReview, type KpiUpdateRecord, type NoticePublication, type PortfolioDashboard, type PortfolioTotals } from "@toms/domain";
import { CONTRACT_SOCIAL_VALUE_TABLE, type StoredEntity, type TableStore } from "@toms/storage";

/** The record a delivery row holds: its JSON split over p0, p1... (docs/storage.md). */
function recordOf<T>(row: StoredEntity): T {
  let json = "";
  for (let part = 0; typeof row[`p${part}`] === "string"; part++) json += row[`p${part}`] as string;
  return JSON.parse(json) as T;
}

/** Every row of the table whose RowKey starts with the prefix (a scan across every contract). */
async function rowsStarting<T>(store: TableStore, prefix: string): Promise<{ contractId: string; record: T }[]> {
  const end = `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
  const rows = await store.all(CONTRACT_SOCIAL_VALUE_TABLE, odata`RowKey ge ${prefix} and RowKey lt ${end}`);
  return rows.map((row) => ({ contractId: row.partitionKey, record: recordOf<T>(row) }));
}

function byContract<T>(rows: { contractId: string; record: T }[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const { contractId, record } of rows) map.set(contractId, [...(map.get(contractId) ?? []), record]);
  return map;
}

/**
 * The portfolio of these contracts from a query of every "kpi-update:" row (and the reviews,
 * assessments and notices beside them), counted in memory: what the dashboard would cost without
 * the summaries. `kpisOf` gives each contract's KPIs and tracked commitments.
 */
export async function naivePortfolio(store: TableStore, contracts: readonly ContractRecord[], kpisOf: (contractId: string) => readonly KpiRecord[], today: string, dueDays: number): Promise<PortfolioDashboard> {
  const [updates, reviews, assessments, publications] = await Promise.all([
    rowsStarting<KpiUpdateRecord>(store, "kpi-update:").then(byContract),
    rowsStarting<KpiReview>(store, "review:").then(byContract),
    rowsStarting<AssessmentRecord>(store, "assessment:").then(byContract),
    rowsStarting<NoticePublication>(store, "notice:").then(byContract),
  ]);
  return portfolioDashboard(
    contracts.map((contract) => {
      const summary = summarise(
        { contractId: contract.id, kpis: kpisOf(contract.id), updates: updates.get(contract.id) ?? [], reviews: reviews.get(contract.id) ?? [], assessments: assessments.get(contract.id) ?? [], publications: publications.get(contract.id) ?? [] },
        1,
        new Date().toISOString(),
      );
      return { contract, counts: deliveryCounts(contract, deliveryDigest(summary), today, dueDays) };
    }),
  );
}

/** The dashboard's figures with money to the penny, so that two ways of adding up compare equal. */
export function portfolioFigures(dashboard: PortfolioDashboard): unknown {
  const pennies = (x: number) => Math.round(x * 100) / 100;
  const totals = ({ contracts, ratings, ratingsOverTime, overdueUpdates, assessmentsDue, socialValue }: PortfolioTotals) => ({
    contracts,
    ratings,
    ratingsOverTime,
    overdueUpdates,
    assessmentsDue,
    socialValue: { committed: pennies(socialValue.committed), delivered: pennies(socialValue.delivered) },
  });
  return { ...totals(dashboard), byServiceArea: dashboard.byServiceArea.map((row) => ({ serviceArea: row.serviceArea, ...totals(row) })) };
}
