// The Procurement Act 2023 duties a contract's delivery is checked against (docs/delivery.md).
import type { ContractRecord } from "../register/contract.js";
import type { ComplianceFinding, DeliveryDigest } from "./model.js";

/** An assessment is due at least every 12 months; the finding is raised this many days ahead. */
export const ASSESSMENT_WARNING_DAYS = 30;
/** A confirmed assessment's UK9 notice is published within this many days. */
export const NOTICE_DAYS = 30;

export function complianceFindings(contract: ContractRecord, digest: DeliveryDigest | undefined, today: string, dueDays: number): ComplianceFinding[] {
  throw new Error("Not implemented yet: complianceFindings");
}
