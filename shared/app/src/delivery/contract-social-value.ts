// The social value a contract has delivered, line by line: where every £ comes from.
import { socialValueLines, sumLines, type Principal, type SocialValueLine } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { succeeded, type Outcome } from "../outcome.js";
import { visibleContract } from "./delivery-access.js";
import { deliveryRecords, nextSummary } from "./delivery-records.js";

export interface ContractSocialValue {
  moneyLabel: string;
  /** The sums of the lines. */
  committed: number;
  delivered: number;
  lines: SocialValueLine[];
}

/**
 * Per commitment and period: the quantity committed and delivered, the proxy value and catalogue
 * version it is valued at, and the update it came from; for everyone who may see the contract.
 *
 * @example
 * const outcome = await contractSocialValue(deps, manager, contractId);
 * if (outcome.ok) console.log(outcome.value.delivered);
 */
export async function contractSocialValue(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<ContractSocialValue>> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  const partition = await deps.storage.delivery.read(visible.contract.id);
  const records = await deliveryRecords(deps, visible.contract, partition);
  const lines = socialValueLines(visible.contract, nextSummary(deps, records, partition), deps.delivery.dueDays);
  return succeeded({ moneyLabel: deps.moneyLabel, ...sumLines(lines), lines });
}
