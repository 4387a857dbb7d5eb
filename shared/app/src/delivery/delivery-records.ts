// A contract's delivery records from its partition: its KPIs, the commitments its award carries
// (tracked like KPIs), its updates, reviews and assessments, and the summary they make.
import { commitmentKpi, DEFAULT_CATALOGUE, summarise, type ContractRecord, type DeliveryRecords, type DeliverySummary, type KpiRecord, type Measure } from "@toms/domain";
import type { DeliveryPartition } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { stableId } from "../stable-id.js";

/** The id of the KPI that tracks an awarded commitment: the same for the same award and measure. */
export function awardedCommitmentKpiId(contractId: string, claimId: string, measure: string): string {
  return stableId(`toms-delivery:${contractId}:award:${claimId}:${measure.toUpperCase()}`);
}

/** The measure of a catalogue version (for the outcomes it serves), if the version is known. */
export async function catalogueMeasure(deps: AppDeps, version: string, code: string): Promise<Measure | undefined> {
  const catalogue = version === DEFAULT_CATALOGUE.version ? DEFAULT_CATALOGUE : await deps.storage.catalogues.get(version);
  return catalogue?.measures.find((m) => m.code.toUpperCase() === code.toUpperCase());
}

/**
 * The records of a contract's partition. An awarded commitment is tracked by a KPI worked out from
 * the award (quarterly, reported by the supplier) until its manager changes it, which stores it;
 * a stored one of an award since withdrawn is not the contract's any more, and is left out.
 */
export async function deliveryRecords(deps: AppDeps, contract: ContractRecord, partition: DeliveryPartition): Promise<DeliveryRecords & { stored: Map<string, string> }> {
  const stored = new Map(partition.kpis.map((k) => [k.id, k.etag]));
  const byId = new Map<string, KpiRecord>(partition.kpis.map(({ etag: _etag, ...kpi }) => [kpi.id, withCommitmentTarget(deps, contract, kpi)]));
  const claim = partition.award.claim;
  const awarded = claim?.state === "awarded" ? partition.award.commitments : [];
  const awardIds = new Set<string>();
  for (const commitment of awarded) {
    const id = awardedCommitmentKpiId(contract.id, claim?.claimId ?? "", commitment.measure);
    awardIds.add(id);
    if (byId.has(id)) continue;
    const measure = await catalogueMeasure(deps, commitment.catalogueVersion, commitment.measure);
    byId.set(id, commitmentKpi(contract, { ...commitment, outcomes: measure?.outcomes ?? [], source: "award" }, { id, dueDays: deps.delivery.dueDays }));
  }
  const kpis = [...byId.values()].filter((k) => k.kind === "kpi" || k.commitment?.source === "entered" || awardIds.has(k.id));
  return {
    contractId: contract.id,
    kpis: kpis.sort((a, b) => (a.kind === b.kind ? a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title) : a.kind === "kpi" ? -1 : 1)),
    updates: partition.updates,
    reviews: partition.reviews,
    assessments: partition.assessments.map(({ etag: _etag, ...a }) => a),
    publications: partition.publications,
    stored,
  };
}

/** The summary the records make, as the next version after the partition's. */
export function nextSummary(deps: AppDeps, records: DeliveryRecords, partition: DeliveryPartition): DeliverySummary {
  return summarise(records, (partition.summary?.summary.version ?? 0) + 1, deps.now().toISOString());
}

/**
 * A commitment's target per period is its commitment spread over the contract's periods as the
 * term is now (a term changed since it was stored spreads it again); a KPI's is as stored.
 */
function withCommitmentTarget(deps: AppDeps, contract: ContractRecord, kpi: KpiRecord): KpiRecord {
  if (kpi.kind !== "social-value" || !kpi.commitment) return kpi;
  return { ...kpi, versions: commitmentKpi(contract, kpi.commitment, { id: kpi.id, frequency: kpi.frequency, dueDays: deps.delivery.dueDays }).versions };
}
