// The award's rules: the right supplier, the issues reviewed, when a claim is left behind, when an
// award may be withdrawn (docs/award.md says them in plain words).
import type { Issue } from "../evaluation/issues.js";
import { sameOrganisationName } from "../register/organisation-name.js";
import type { ContractCommitment } from "./commitments.js";

/** The Error-level issues of an evaluation: the evaluator must say they reviewed them before award. */
export function errorIssues(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity === "error");
}

/** The award's total: the sum of its commitments' values. */
export function committedTotal(commitments: readonly ContractCommitment[]): number {
  return commitments.reduce((sum, c) => sum + c.committedValue, 0);
}

export type SupplierFit = { fits: true; confirmed: boolean } | { fits: false; message: string };

/**
 * Whether a contract's supplier is the winning bidder: the same organisation's name
 * (`sameOrganisationName`), or, when the names differ, the evaluator confirmed it by sending the
 * supplier's id. The refusal says who holds the contract and what the evaluator can do, in words
 * (the pane shows it by the contract picker; the field it belongs to is named beside it).
 */
export function supplierFit(bidder: string, supplier: { id: string; name: string }, confirmedSupplierId?: string): SupplierFit {
  if (sameOrganisationName(supplier.name, bidder)) return { fits: true, confirmed: false };
  if (confirmedSupplierId === supplier.id) return { fits: true, confirmed: true };
  if (confirmedSupplierId !== undefined) {
    // The evaluator confirmed another supplier: the contract changed hands since they looked.
    return { fits: false, message: `is held by ${supplier.name}, not by the supplier you confirmed as ${bidder}. Reload the contracts and choose ${bidder}'s contract` };
  }
  return {
    fits: false,
    message: `is held by ${supplier.name}, not ${bidder}. Choose ${bidder}'s contract, or, if ${supplier.name} is the same organisation as ${bidder}, confirm that it is`,
  };
}

/**
 * An award writes its rows within a second or two, and storage retries hold a request for at most
 * about half a minute. A claim still pending this long after its last write was left behind by an
 * award that never finished (a crash, a lost connection), and the next award may release it.
 */
export const AWARD_CLAIM_STALE_AFTER_MS = 2 * 60_000;

export function claimIsStale(lastWrittenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastWrittenAt) >= AWARD_CLAIM_STALE_AFTER_MS;
}

/** Why an award cannot be withdrawn any more, or undefined when it can: once delivery has been
 * reported against the contract's commitments, withdrawing them would lose what was reported. */
export function withdrawalRefusal(kpiUpdates: number, contractReference: string): string | undefined {
  if (kpiUpdates <= 0) return undefined;
  return `This award cannot be withdrawn: ${kpiUpdates === 1 ? "1 KPI update has" : `${kpiUpdates} KPI updates have`} been recorded against contract ${contractReference}. Change the contract instead.`;
}
