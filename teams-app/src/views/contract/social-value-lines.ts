// The social value a contract has delivered, as the contract page shows it: per commitment, its
// lines (one per period) with their sums, and where each £ delivered came from.
import { sumLines, type KpiUpdate, type SocialValueLine } from "@toms/domain";
import { formatDateTime, formatMoney } from "../../common/format.js";
import { withUnit } from "./kpi-words.js";
import { periodLabel } from "./period-label.js";

/** An amount in the council's money label, with pence when it has any ("Coventry £21,835.25"). */
export function moneyWords(amount: number, label: string): string {
  const hasPence = Math.round(Math.abs(amount) * 100) % 100 !== 0;
  return formatMoney(amount, label, hasPence);
}

export interface CommitmentLines {
  kpiId: string;
  measure: string;
  name: string;
  theme: string;
  unit: string;
  catalogueVersion: string;
  proxyValue: number | null;
  lines: SocialValueLine[];
  /** The sums of its lines, in whole pence (as every total is). */
  committed: number;
  delivered: number;
}

/** The lines by commitment, in the order the service gave them. */
export function commitmentsOf(lines: readonly SocialValueLine[]): CommitmentLines[] {
  const byKpi = new Map<string, SocialValueLine[]>();
  for (const line of lines) byKpi.set(line.kpiId, [...(byKpi.get(line.kpiId) ?? []), line]);
  return [...byKpi.values()].map((own) => {
    const first = own[0] as SocialValueLine;
    return {
      kpiId: first.kpiId,
      measure: first.measure,
      name: first.name,
      theme: first.theme,
      unit: first.unit,
      catalogueVersion: first.catalogueVersion,
      proxyValue: first.proxyValue,
      lines: own,
      ...sumLines(own),
    };
  });
}

/** "Coventry £130.75 a unit (tonnes diverted), catalogue 2026.1", or that the measure is recorded without a value. */
export function proxyWords(commitment: Pick<CommitmentLines, "proxyValue" | "unit" | "catalogueVersion">, label: string): string {
  if (commitment.proxyValue === null) return `Recorded only, not valued (catalogue ${commitment.catalogueVersion})`;
  return `${moneyWords(commitment.proxyValue, label)} a unit (${commitment.unit}), catalogue ${commitment.catalogueVersion}`;
}

/**
 * Where a line's delivered value came from: the period and the accepted update (its id, revision,
 * value and when it was sent), in words; the update's details once its history is loaded.
 */
export function traceWords(line: SocialValueLine, update: KpiUpdate | undefined, label: string): string {
  const period = periodLabel(line.period);
  if (!line.updateId) return `${period}: nothing accepted yet, so nothing is delivered for this period.`;
  const worth = line.proxyValue === null ? "recorded, not valued" : `${withUnit(line.deliveredQuantity, line.unit)} × ${moneyWords(line.proxyValue, label)} = ${moneyWords(line.deliveredValue, label)}`;
  const sent = update ? `, ${withUnit(update.value, line.unit)} sent by ${update.submittedByName ?? update.submittedBy} on ${formatDateTime(update.submittedAt)}` : "";
  return `${period}: from update ${line.updateId} (revision ${line.revision ?? "?"})${sent}. ${worth}.`;
}
