// The dashboards: the portfolio, one contract, a supplier's scorecard, and who owes what.
import { contractDelivery, contractScope, deliveryDigest, describeContract, hasRole, latestReminders, owedItemKey, portfolioDashboard, supplierScorecard, ukDate, type Contract, type ContractDelivery, type OwedUpdate, type PortfolioDashboard, type Principal, type PromptDelivery, type SupplierScorecard } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { forbidden, notFound, succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";
import { countsOf, scopedContracts } from "./scoped-contracts.js";
import { owedItemOf, promptDeliveryOf } from "@toms/domain";
import type { DispatchRecord } from "@toms/domain";

const NO_ACCESS = "Your role does not give access to contracts.";

/** Every supplier's name by id (the register, page by page): the rows and lists name suppliers. */
async function supplierNames(deps: AppDeps): Promise<Map<string, string>> {
  return new Map((await deps.storage.suppliers.all()).map((s) => [s.id, s.name]));
}

/**
 * The portfolio of the caller's contracts: KPIs by current rating and their periods' ratings
 * quarter by quarter over two years, updates overdue, assessments due, social value committed and
 * delivered, the same by service area, and a row per contract. A contract manager sees their
 * contracts; a supplier's contact their organisation's.
 *
 * @example
 * const outcome = await getPortfolioDashboard(deps, manager);
 * if (outcome.ok) console.log(outcome.value.overdueUpdates, outcome.value.byContract.length);
 */
export async function getPortfolioDashboard(deps: AppDeps, caller: Principal): Promise<Outcome<PortfolioDashboard>> {
  const contracts = await scopedContracts(deps, caller);
  if (!contracts) return forbidden(NO_ACCESS);
  const [counts, names] = await Promise.all([countsOf(deps, contracts), supplierNames(deps)]);
  return succeeded(portfolioDashboard(counts, { today: ukDate(deps.now()), supplierNames: names }));
}

/**
 * One contract's delivery in full: each KPI and commitment with its periods today, the counts and
 * the compliance findings. Worked out from the contract's partition (one query); the dashboards'
 * copy of its summary is repaired here if a write stopped before it.
 *
 * @example
 * const outcome = await getContractDashboard(deps, manager, contractId);
 */
export async function getContractDashboard(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<ContractDelivery & { contract: Contract; supplierName: string | null }>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const { etag: _etag, ...contract } = visible.contract;
  // The partition, the dashboards' copy of its version and the supplier's name are read at once.
  const [partition, copied, supplier] = await Promise.all([deps.storage.delivery.read(contract.id), deps.storage.delivery.copyVersion(contract.id), deps.storage.suppliers.get(contract.supplierId)]);
  const stored = partition.summary?.summary;
  if (stored && (copied ?? 0) < stored.version) await deps.storage.delivery.writeCopies(stored, deliveryDigest(stored));
  const summary = nextSummary(deps, await deliveryRecords(deps, contract, partition), partition);
  const today = ukDate(deps.now());
  return succeeded({ ...contractDelivery(contract, summary, today, deps.delivery.dueDays), contract: describeContract(contract, today), supplierName: supplier?.name ?? null });
}

/**
 * A supplier's scorecard across the contracts the caller may see; a supplier's contact sees only
 * their own organisation's, and another supplier reads as not found.
 *
 * @example
 * const outcome = await getSupplierScorecard(deps, admin, supplierId);
 */
export async function getSupplierScorecard(deps: AppDeps, caller: Principal, supplierId: string): Promise<Outcome<SupplierScorecard>> {
  // Refused by role before the supplier is looked up, so the answer says nothing of whether it exists.
  if (!contractScope(caller)) return forbidden(NO_ACCESS);
  if (hasRole(caller, "supplier") && !hasRole(caller, "admin", "evaluator", "contract-manager") && caller.supplierId !== supplierId) return notFound("The supplier");
  const supplier = await deps.storage.suppliers.get(supplierId);
  if (!supplier) return notFound("The supplier");
  const contracts = await scopedContracts(deps, caller, { supplierId });
  if (!contracts) return forbidden(NO_ACCESS);
  return succeeded(supplierScorecard(supplierId, await countsOf(deps, contracts), { today: ukDate(deps.now()), supplierNames: new Map([[supplier.id, supplier.name]]) }));
}

export interface OwedItem extends OwedUpdate {
  contractReference: string;
  contractTitle: string;
  supplierId: string;
  supplierName?: string;
  managerId: string;
  managerName?: string;
  /** The latest reminder asked for of this item (on any day), or null when nobody has asked. */
  reminded: { at: string; by: string; byName?: string } | null;
  /** The latest prompt the bot sent (or is sending) of this item in Teams chat, or null when none. */
  prompted: PromptDelivery | null;
}

/**
 * Who owes what, since when, across the caller's contracts, the longest owed first: updates and
 * corrections the supplier or the manager owes, and reviews the manager owes; each with the
 * latest reminder asked for of it and the latest prompt the bot sent (or is sending) of it.
 *
 * @example
 * const outcome = await listOverdueUpdates(deps, manager);
 * if (outcome.ok) console.log(outcome.value.filter((item) => !item.reminded).length);
 */
export async function listOverdueUpdates(deps: AppDeps, caller: Principal): Promise<Outcome<OwedItem[]>> {
  const contracts = await scopedContracts(deps, caller);
  if (!contracts) return forbidden(NO_ACCESS);
  const [everyCount, names, reminders] = await Promise.all([countsOf(deps, contracts), supplierNames(deps), deps.storage.reminders.latestOf(contracts.map((c) => c.id))]);
  const latest = latestReminders(reminders);
  // The bot's dispatches of the contracts that owe something (one query each), by owed item.
  const dispatches = await deps.storage.dispatches.ofContracts(everyCount.filter(({ counts }) => counts.owed.length > 0).map(({ contract }) => contract.id));
  const dispatched = new Map<string, DispatchRecord[]>();
  for (const record of dispatches) {
    const item = owedItemOf(record.prompt);
    if (!item) continue;
    const key = owedItemKey(item);
    dispatched.set(key, [...(dispatched.get(key) ?? []), record]);
  }
  const items = everyCount.flatMap(({ contract, counts }) =>
    counts.owed.map((owed): OwedItem => {
      const supplierName = names.get(contract.supplierId);
      const reminder = latest.get(owedItemKey(owed));
      const reminded = reminder ? { at: reminder.requestedAt, by: reminder.requestedBy, ...(reminder.requestedByName ? { byName: reminder.requestedByName } : {}) } : null;
      return { ...owed, contractReference: contract.reference, contractTitle: contract.title, supplierId: contract.supplierId, ...(supplierName ? { supplierName } : {}), managerId: contract.managerId, ...(contract.managerName ? { managerName: contract.managerName } : {}), reminded, prompted: promptDeliveryOf(dispatched.get(owedItemKey(owed)) ?? []) };
    }),
  );
  return succeeded(items.sort((a, b) => a.since.localeCompare(b.since) || a.contractReference.localeCompare(b.contractReference) || a.period.localeCompare(b.period)));
}
