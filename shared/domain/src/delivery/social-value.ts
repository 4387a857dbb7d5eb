// Social value delivered, line by line: the source of every £ a dashboard or report shows.
import type { ContractRecord } from "../register/contract.js";
import type { DeliverySummary, SocialValueLine } from "./model.js";
import { addMoney, roundToPence, spreadMoney } from "./money.js";
import { contractPeriods } from "./periods.js";

/**
 * A total spread evenly over `count` parts, the last taking what is left so that the parts,
 * added in order, come to the total exactly.
 */
export function spreadEvenly(total: number, count: number): number[] {
  const share = total / count;
  const parts: number[] = [];
  let sum = 0;
  for (let i = 0; i < count - 1; i++) {
    parts.push(share);
    sum += share;
  }
  if (count > 0) parts.push(total - sum);
  return parts;
}

/**
 * One line per tracked commitment and period of the contract: the quantity committed for the
 * period, the accepted quantity delivered and the update it came from, valued at the proxy of the
 * catalogue version the commitment was made at.
 */
export function socialValueLines(contract: ContractRecord, summary: DeliverySummary | undefined, dueDays: number): SocialValueLine[] {
  const lines: SocialValueLine[] = [];
  for (const kpi of summary?.kpis ?? []) {
    const commitment = kpi.commitment;
    if (kpi.kind !== "social-value" || !commitment) continue;
    const periods = contractPeriods(contract, kpi.frequency, dueDays);
    const quantities = spreadEvenly(commitment.committedQuantity * commitment.acceptedFraction, periods.length);
    const values = spreadMoney(commitment.committedValue, periods.length);
    periods.forEach((p, i) => {
      const accepted = summary?.periods[kpi.id]?.[p.period]?.accepted;
      const deliveredQuantity = accepted?.value ?? 0;
      lines.push({
        contractId: contract.id,
        contractReference: contract.reference,
        supplierId: contract.supplierId,
        serviceArea: contract.serviceArea ?? null,
        kpiId: kpi.id,
        measure: commitment.measure,
        name: commitment.name,
        theme: commitment.theme,
        outcomes: commitment.outcomes,
        unit: commitment.unit,
        period: p.period,
        periodEnd: p.endDate,
        committedQuantity: quantities[i] ?? 0,
        committedValue: values[i] ?? 0,
        deliveredQuantity,
        proxyValue: commitment.proxyValue,
        catalogueVersion: commitment.catalogueVersion,
        deliveredValue: roundToPence(deliveredQuantity * (commitment.proxyValue ?? 0)),
        ...(accepted ? { updateId: accepted.updateId, revision: accepted.revision } : {}),
      });
    });
  }
  return lines;
}

/** The committed and delivered sums of lines, in whole pence: every total shown is the total of its lines. */
export function sumLines(lines: readonly SocialValueLine[]): { committed: number; delivered: number } {
  let committed = 0;
  let delivered = 0;
  for (const line of lines) {
    committed = addMoney(committed, line.committedValue);
    delivered = addMoney(delivered, line.deliveredValue);
  }
  return { committed, delivered };
}
