// Social value delivered, line by line: the source of every £ a dashboard or report shows.
import type { ContractRecord } from "../register/contract.js";
import type { DeliverySummary, SocialValueLine } from "./model.js";

/**
 * One line per tracked commitment and period of the contract: the quantity committed for the
 * period, the accepted quantity delivered and the update it came from, valued at the proxy of the
 * catalogue version the commitment was made at.
 */
export function socialValueLines(contract: ContractRecord, summary: DeliverySummary | undefined, dueDays: number): SocialValueLine[] {
  throw new Error("Not implemented yet: socialValueLines");
}
