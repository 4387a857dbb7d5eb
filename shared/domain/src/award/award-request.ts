// What a caller asks of an award: the winner and either an existing contract or a new one, with
// the evaluator's confirmations; and a withdrawal with its reason.
import { z } from "zod";
import { awardContractSchema, type AwardContractInput } from "../register/contract.js";
import { recordIdSchema } from "../register/record-id.js";

/** Either the contract in the register, or the contract to create with the award. */
export type AwardTarget = { contractId: string } | { contract: AwardContractInput };

export type AwardRequest = AwardTarget & {
  bidder: string;
  /** The contract's supplier, sent when its name differs from the bidder's: the evaluator confirmed
   * they are the same organisation. With a new contract: the supplier in the register to use. */
  supplierId?: string;
  /** The evaluator reviewed the evaluation's Error-level scoring issues. */
  issuesReviewed: boolean;
};


export const awardRequestSchema = z
  .object({
    bidder: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    contractId: recordIdSchema("a contract in the register").optional(),
    contract: awardContractSchema.optional(),
    supplierId: recordIdSchema("a supplier in the register").optional(),
    issuesReviewed: z.boolean({ error: "must be true or false" }).default(false),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.contractId !== undefined && value.contract !== undefined) {
      ctx.addIssue({ code: "custom", path: ["contract"], message: "cannot come with contractId: send contractId to award an existing contract, or contract to create one" });
    }
    if (value.contractId === undefined && value.contract === undefined) {
      ctx.addIssue({ code: "custom", path: ["contractId"], message: "is required (or send contract, to create the contract with the award)" });
    }
  })
  .transform((value): AwardRequest => {
    const common = { bidder: value.bidder, issuesReviewed: value.issuesReviewed, ...(value.supplierId !== undefined ? { supplierId: value.supplierId } : {}) };
    return value.contract !== undefined ? { ...common, contract: value.contract } : { ...common, contractId: value.contractId as string };
  });

export const awardWithdrawalSchema = z
  .object({ reason: z.string({ error: "is required: say why the award is withdrawn" }).trim().min(1, "is required: say why the award is withdrawn").max(2000, "must be at most 2,000 characters") })
  .strict();
export type AwardWithdrawalRequest = z.output<typeof awardWithdrawalSchema>;
