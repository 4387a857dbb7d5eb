// The contract register's record: its fields, the schemas that make them, and how a contract is shown.
import { z } from "zod";
import { recordIdSchema } from "./record-id.js";

export const CONTRACT_CATEGORIES = ["goods", "services", "works"] as const;
export type ContractCategory = (typeof CONTRACT_CATEGORIES)[number];

export const CONTRACT_STATUSES = ["not started", "active", "ended"] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

const isoDate = z.iso.date("must be a date written as YYYY-MM-DD");

const contractFields = {
  reference: z
    .string()
    .trim()
    .min(1, "is required")
    .max(64, "must be at most 64 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._\-/]*$/, "may use letters, digits, spaces and . _ - / only"),
  title: z.string().trim().min(1, "is required").max(300, "must be at most 300 characters"),
  description: z.string().trim().max(4000, "must be at most 4,000 characters").optional(),
  supplierId: recordIdSchema("a supplier in the register"),
  category: z.enum(CONTRACT_CATEGORIES, { error: "must be goods, services or works" }),
  /** Estimated total value in pounds including VAT, as the Procurement Act counts it. */
  value: z.number({ error: "must be an amount in pounds" }).finite().nonnegative("must be zero or more"),
  startDate: isoDate,
  endDate: isoDate,
  managerId: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  managerName: z.string().trim().max(200, "must be at most 200 characters").optional(),
  department: z.string().trim().max(200, "must be at most 200 characters").optional(),
  /** The council's service area (directorate) the contract serves: one of the configured list, which the app checks. */
  serviceArea: z.string({ error: "must be text" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
  /** Why a contract over £5m has fewer than 3 KPIs (a framework, a light-touch contract under s.52, ...).
   * Empty text records that there is no exemption (a change clears it so). */
  kpiExemptionReason: z
    .string({ error: "must be text" })
    .trim()
    .max(2000, "must be at most 2,000 characters")
    .transform((reason) => (reason === "" ? undefined : reason))
    .optional(),
};

function endNotBeforeStart(value: { startDate?: string; endDate?: string }, ctx: z.core.$RefinementCtx): void {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "must be on or after the start date" });
  }
}

export const contractInputSchema = z.object(contractFields).superRefine(endNotBeforeStart);
export type ContractInput = z.output<typeof contractInputSchema>;

const { supplierId: _supplierId, kpiExemptionReason: _exemption, ...awardContractFields } = contractFields;

/** A contract created by its award: the contract's fields but its supplier, which is the winning
 * bidder's, and its KPI exemption, which only a procurement officer records (an evaluator may award). */
export const awardContractSchema = z.object(awardContractFields).strict().superRefine(endNotBeforeStart);
export type AwardContractInput = z.output<typeof awardContractSchema>;

/** A PATCH names only what changes; at least one field. */
export const contractPatchSchema = z
  .object(contractFields)
  .partial()
  .strict()
  .superRefine(endNotBeforeStart)
  .refine((patch) => Object.keys(patch).length > 0, "must change at least one field");
export type ContractPatch = z.output<typeof contractPatchSchema>;

/** Fields only a procurement officer may change: who the contract is with, who manages it, what it
 * is worth, and why it is exempt from the KPI minimum. */
export const ADMIN_ONLY_CONTRACT_FIELDS = ["reference", "supplierId", "managerId", "value", "category", "kpiExemptionReason"] as const;

/** Which award a contract carries: the evaluation it was awarded from, and to whom. */
export interface ContractAwardRef {
  evaluationId: string;
  /** The tender's reference in that evaluation. */
  evaluationReference: string;
  bidder: string;
  awardedAt: string;
}

/** The award that holds a contract to its winner while it is made and after: set before any
 * commitment is written, cleared when the award is withdrawn or released. */
export interface ContractAwardClaim {
  claimId: string;
  evaluationId: string;
  evaluationReference: string;
  bidder: string;
}

/** A stored contract. Contracts stored before service areas were recorded have none. */
export interface ContractRecord extends Omit<ContractInput, "serviceArea"> {
  serviceArea?: string;
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Set when an award is complete, cleared when it is withdrawn. */
  award?: ContractAwardRef;
  /** Set while an award is being made and after it (docs/award.md): the supplier cannot change then. */
  awardClaim?: ContractAwardClaim;
}

export interface Contract extends Omit<ContractRecord, "award" | "awardClaim" | "serviceArea"> {
  /** The contract's service area, or null when it was stored before service areas were recorded. */
  serviceArea: string | null;
  /** The award the contract carries, or null when it has none. */
  award: ContractAwardRef | null;
  status: ContractStatus;
  /** s.52 Procurement Act 2023: at least three KPIs must be set above £5m. */
  kpisRequired: boolean;
}

export const KPI_THRESHOLD_VALUE = 5_000_000;

export function contractStatus(contract: { startDate: string; endDate: string }, today: string): ContractStatus {
  if (today < contract.startDate) return "not started";
  if (today > contract.endDate) return "ended";
  return "active";
}

export function describeContract(record: ContractRecord, today: string): Contract {
  const { awardClaim: _claim, ...shown } = record;
  return { ...shown, serviceArea: record.serviceArea ?? null, award: record.award ?? null, status: contractStatus(record, today), kpisRequired: record.value > KPI_THRESHOLD_VALUE };
}

/** A page of a list: how many items, and the cursor the previous page gave. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(500, "must be at most 500").default(100),
  cursor: z.string().min(1).optional(),
});

export const contractListQuerySchema = pageQuerySchema.extend({
  category: z.enum(CONTRACT_CATEGORIES, { error: "must be goods, services or works" }).optional(),
  supplierId: z.string().trim().min(1).optional(),
  managerId: z.string().trim().min(1).optional(),
  status: z.enum(CONTRACT_STATUSES, { error: "must be not started, active or ended" }).optional(),
});
export type ContractListQuery = z.output<typeof contractListQuerySchema>;
