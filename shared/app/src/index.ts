// @toms/app: the suite's use cases. Routes, the CLI and the bot parse, call one of these, and
// answer; the rules are the domain's, the storage is passed in (deps).
export { createAppDeps, DEFAULT_COUNCIL, type AppDeps } from "./deps.js";
export { conflict, fieldErrorsText, forbidden, invalid, notFound, notFoundText, succeeded, unprocessable, type Failure, type FailureKind, type Outcome } from "./outcome.js";
export { stableId } from "./stable-id.js";
export { awardEvaluation, type AwardEvaluationRequest } from "./evaluations/award-evaluation.js";
export { withdrawAward, type WithdrawAwardRequest, type WithdrawAwardResult } from "./evaluations/withdraw-award.js";
export { listAwardWithdrawals } from "./evaluations/list-award-withdrawals.js";
export { createContract } from "./contracts/create-contract.js";
export { updateContract, type UpdateContractRequest } from "./contracts/update-contract.js";
export { contractCommitments, type NoAward } from "./contracts/contract-commitments.js";
export { listServiceAreas } from "./service-areas/list-service-areas.js";
export { addServiceArea } from "./service-areas/add-service-area.js";
export { updateSupplier, type UpdateSupplierRequest } from "./suppliers/update-supplier.js";
export { publishCatalogues, type CatalogueFile, type CataloguePublication } from "./catalogue/publish-catalogues.js";
