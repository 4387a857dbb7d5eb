// The contracts a caller's dashboards and reports cover, with today's delivery counts of each.
import { contractScope, deliveryCounts, ukDate, type ContractCounts, type ContractRecord, type Principal } from "@toms/domain";
import type { ContractFilter } from "@toms/storage";
import type { AppDeps } from "../deps.js";

/** Every contract in the caller's scope (all of them for procurement officers and evaluators), a page at a time. */
export async function scopedContracts(deps: AppDeps, caller: Principal, narrower: { supplierId?: string } = {}): Promise<ContractRecord[] | undefined> {
  const scope = contractScope(caller);
  if (!scope) return undefined;
  const filter: ContractFilter = { today: ukDate(deps.now()), ...narrower, ...scope };
  // The caller's scope wins over a narrower filter naming another supplier: then nothing matches.
  if (narrower.supplierId && scope.supplierId && narrower.supplierId !== scope.supplierId) return [];
  const contracts: ContractRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.storage.contracts.list(filter, 500, cursor);
    contracts.push(...page.items.map(({ etag: _etag, ...contract }) => contract));
    cursor = page.continuationToken;
  } while (cursor);
  return contracts;
}

/**
 * Today's counts of each contract, from the digests the dashboards keep (one query for all): the
 * updates themselves are never read here.
 */
export async function countsOf(deps: AppDeps, contracts: readonly ContractRecord[]): Promise<ContractCounts[]> {
  const digests = new Map((await deps.storage.delivery.digests()).map((d) => [d.contractId, d]));
  const today = ukDate(deps.now());
  return contracts.map((contract) => ({ contract, counts: deliveryCounts(contract, digests.get(contract.id), today, deps.delivery.dueDays) }));
}
