// Award an evaluation: the winning bidder's accepted commitments become the contract's social
// value commitments. The award claims the evaluation and the contract first and writes after
// (docs/award.md says the rules in plain words; docs/storage.md the claim protocol).
import {
  canSeeContract,
  claimIsStale,
  committedTotal,
  errorIssues,
  evaluationFromSubmission,
  hasRole,
  organisationNameKey,
  sameOrganisationName,
  supplierAddedAtAward,
  supplierFit,
  winnerCommitments,
  type AwardContractInput,
  type AwardRecord,
  type AwardResult,
  type ContractAwardClaim,
  type ContractRecord,
  type KpiRecord,
  type AwardRequest,
  type ContractCommitment,
  type Principal,
  type SupplierRecord,
} from "@toms/domain";
import { isStorageError, type ContractAwardState, type ContractClaim, type EvaluationClaim, type StoredEvaluation, type Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, invalid, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { checkServiceArea } from "../service-areas/list-service-areas.js";
import { stableId } from "../stable-id.js";
import { deliveryRecords, nextSummary } from "../delivery/delivery-records.js";
import { refreshDelivery } from "../delivery/refresh-delivery.js";
import { claimStatus, releaseClaim, releaseContractHolder, releaseOwnClaim } from "./award-claims.js";

export type AwardEvaluationRequest = AwardRequest & { evaluationId: string };

/** How many times an award reads the claims again after they changed under it, before it gives up. */
const ATTEMPTS = 4;
/** The claims changed while this attempt ran: read them again. */
const AGAIN = Symbol("again");

interface Award {
  deps: AppDeps;
  caller: Principal;
  request: AwardEvaluationRequest;
  evaluation: StoredEvaluation;
  bidder: string;
  commitments: ContractCommitment[];
  errorCount: number;
  moneyLabel: string;
}

type Target =
  | { kind: "existing"; contractId: string; reference: string; contract: Versioned<ContractRecord>; supplier: SupplierRecord | undefined; supplierConfirmed: boolean }
  | { kind: "new"; contractId: string; reference: string; input: AwardContractInput; supplier: SupplierRecord | undefined; supplierConfirmed: boolean };

/** The contract's supplier, as this award holds the contract (marked with its claim): the winner. */
interface Held {
  supplierId: string;
  supplierConfirmed: boolean;
}

type Created = AwardResult["created"];
const NOTHING_CREATED: Created = { contract: false, supplier: false };

/**
 * Awards an evaluation to its winning bidder on a contract of the register, or on a contract it
 * creates (`contract` instead of `contractId`). Evaluators and procurement officers may award.
 *
 * The contract's supplier must be the bidder: the same organisation's name, or the evaluator
 * confirms it by sending `supplierId`. Error-level scoring issues must have been reviewed
 * (`issuesReviewed`). The evaluation and the contract are claimed before any commitment is
 * written; a request that loses either claim writes nothing and is told what holds it. The same
 * award again answers the award as it was made; a claim left unfinished by a crash is completed by
 * the same award, or released by another once it is stale.
 *
 * @example
 * const outcome = await awardEvaluation(deps, caller, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
 * if (outcome.ok) console.log(`${outcome.value.totalCommittedValue} ${outcome.value.moneyLabel} committed`);
 * else console.log(outcome.kind, outcome.message); // e.g. "conflict", "This contract is already awarded from evaluation ..."
 */
export async function awardEvaluation(deps: AppDeps, caller: Principal, request: AwardEvaluationRequest): Promise<Outcome<AwardResult>> {
  if (!hasRole(caller, "admin", "evaluator")) return forbidden("Only evaluators and procurement officers (admin) can award an evaluation.");
  const evaluation = await deps.storage.evaluations.get(request.evaluationId);
  if (!evaluation) return notFound("The evaluation");
  const bidders = evaluation.submission.bidders;
  const bidderIndex = bidders.findIndex((b) => b.name.toLowerCase() === request.bidder.toLowerCase());
  if (bidderIndex < 0) return invalid([{ field: "bidder", message: `is not a bidder in this evaluation (bidders: ${bidders.map((b) => b.name).join(", ")})` }], "The award");
  const catalogue = await deps.storage.catalogues.get(evaluation.catalogueVersion);
  if (!catalogue) throw new Error(`Catalogue version ${evaluation.catalogueVersion}, used by evaluation ${evaluation.id}, is missing from storage.`);
  const built = evaluationFromSubmission(evaluation.submission, catalogue);
  if (!built.ok) throw new Error(`Evaluation ${evaluation.id} no longer matches its catalogue version ${evaluation.catalogueVersion}.`);
  const award: Award = {
    deps,
    caller,
    request,
    evaluation,
    bidder: bidders[bidderIndex]?.name as string,
    // In the order the contract's partition keeps them, so a repeat answers the same list.
    commitments: winnerCommitments(built.evaluation, bidderIndex).sort((a, b) => a.measure.localeCompare(b.measure)),
    errorCount: errorIssues(evaluation.result.issues).length,
    moneyLabel: catalogue.moneyLabel ?? deps.moneyLabel,
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const outcome = await attemptAward(award);
    if (outcome !== AGAIN) return outcome;
  }
  return conflict("Other awards kept changing this evaluation's or this contract's claim while this one was being made. Reload the evaluation and the contract, then try again.");
}

async function attemptAward(a: Award): Promise<Outcome<AwardResult> | typeof AGAIN> {
  const { deps, evaluation } = a;
  const { awards } = deps.storage;
  let claim = await awards.evaluationClaim(evaluation.id);
  const adopted = claim !== undefined;
  if (!claim && evaluation.award && evaluation.awardClaimId === undefined) {
    // Awarded before claims were kept: it stands. (An award made under a claim stands only while
    // its claim does: the evaluation read at the start may show one withdrawn since.)
    return conflict(`This evaluation is already awarded to ${evaluation.award.bidder} on contract ${evaluation.award.contractReference ?? evaluation.award.contractId}.`);
  }
  if (claim) {
    const { status, state, withdrawal } = await claimStatus(deps, claim);
    const same = isSameAward(a, claim);
    if (status === "awarded") {
      if (!same) return conflict(`This evaluation is already awarded to ${claim.bidder} on contract ${claim.contractReference}.`);
      const done = state.claim as ContractClaim;
      return finish(a, claim, done, state.commitments, NOTHING_CREATED);
    }
    if (status === "releasing") {
      await releaseClaim(deps, claim, state, withdrawal !== undefined);
      return AGAIN;
    }
    if (!same) {
      if (status === "pending") return conflict(`This evaluation is being awarded to ${claim.bidder} on contract ${claim.contractReference} (${claim.contractId}). Wait for that award to finish, then reload.`);
      await releaseClaim(deps, claim, state, false);
      return AGAIN;
    }
    // The same award, unfinished: this request completes it.
  }

  if (a.errorCount > 0 && !a.request.issuesReviewed) {
    const count = a.errorCount === 1 ? "the 1 Error-level scoring issue" : `the ${a.errorCount} Error-level scoring issues`;
    return unprocessable([{ field: "issuesReviewed", message: `is needed: tick that you reviewed ${count}, then award` }], "The award");
  }
  const target = await resolveTarget(a, claim);
  if (!target.ok) return target;

  claim ??= await awards.claimEvaluation({
    claimId: deps.newId(),
    evaluationId: evaluation.id,
    evaluationReference: evaluation.reference,
    contractId: target.value.contractId,
    contractReference: target.value.reference,
    bidder: a.bidder,
    newContract: target.value.kind === "new",
    claimedBy: a.caller.userId,
  });
  if (!claim) return AGAIN;

  let created = NOTHING_CREATED;
  let known: Versioned<ContractRecord>;
  if (target.value.kind === "new") {
    const made = await createContract(a, claim, target.value, adopted);
    if (!made.ok) {
      await releaseOwnClaim(deps, claim);
      return made;
    }
    ({ created, contract: known } = made.value);
  } else {
    known = target.value.contract;
  }

  const claimed = await claimContract(a, claim);
  if (claimed === AGAIN || !("claim" in claimed)) return claimed;
  let state = claimed;
  if (state.claim.state === "awarded") return finish(a, claim, state.claim, state.commitments, created);
  if (state.claim.state === "releasing") return AGAIN;

  // One contract carries one set of social value commitments: checked once this award holds the
  // contract, so an officer entering commitments at the same moment either is seen here or sees the claim.
  if (target.value.kind === "existing" && claimed.won) {
    const entered = await enteredCommitments(deps, known);
    const now = await awards.contractState(claim.contractId);
    if (now.claim?.claimId !== claim.claimId || now.claim.state === "releasing") return AGAIN;
    // The same award sent at once by another request may have been made meanwhile: it stands.
    if (now.claim.state === "awarded") return finish(a, claim, now.claim, now.commitments, created);
    state = { ...now, claim: now.claim };
    if (entered.length > 0) {
      await giveUpContract(deps, claim, state);
      return enteredRefusal(entered);
    }
  } else if (target.value.kind === "existing") {
    // Completing a claim another request won (and checked under): read only, so that requests
    // finishing one award together do not keep changing each other's claim.
    const entered = enteredIn(await deliveryRecords(deps, known, await deps.storage.delivery.read(known.id)));
    if (entered.length > 0) {
      await giveUpContract(deps, claim, state);
      return enteredRefusal(entered);
    }
  }

  // Before any commitment is written: the contract is marked as this award's, its supplier checked
  // again on the row the mark replaces, so a change of supplier made since it was read is seen,
  // and one made later is refused (docs/storage.md, step 5).
  let held: Held;
  try {
    const marked = await markContract(a, claim, target.value, known);
    if (!marked.ok) {
      await giveUpContract(deps, claim, state);
      return marked;
    }
    held = marked.value;
  } catch (error) {
    if (isStorageError(error, "precondition-failed")) return AGAIN;
    throw error;
  }

  const record: AwardRecord = {
    evaluationId: evaluation.id,
    evaluationReference: evaluation.reference,
    bidder: a.bidder,
    contractId: claim.contractId,
    contractReference: claim.contractReference,
    supplierId: held.supplierId,
    awardedAt: deps.now().toISOString(),
    awardedBy: a.caller.userId,
    totalCommittedValue: committedTotal(a.commitments),
    errorIssues: a.errorCount,
    issuesReviewed: a.errorCount > 0 && a.request.issuesReviewed,
    supplierConfirmed: held.supplierConfirmed,
  };
  try {
    const done = await awards.writeAward(state, record, a.commitments);
    return finish(a, claim, done, a.commitments, created);
  } catch (error) {
    // The claim was released or taken over while the rows were written: nothing more was.
    if (isStorageError(error, "precondition-failed") || isStorageError(error, "not-found")) return AGAIN;
    throw error;
  }
}

/** The request asks for the award the claim is for: the same bidder and contract (or new contract's reference). */
function isSameAward(a: Award, claim: EvaluationClaim): boolean {
  if (claim.bidder !== a.bidder) return false;
  if ("contractId" in a.request) return claim.contractId === a.request.contractId;
  return claim.newContract && claim.contractReference.trim().toUpperCase() === a.request.contract.reference.trim().toUpperCase();
}

/** The contract to award and its supplier, checked against the winner (a new contract's service
 * area against the council's list; its reference under the evaluation's claim, in
 * createContract); nothing is written. */
async function resolveTarget(a: Award, claim: EvaluationClaim | undefined): Promise<Outcome<Target>> {
  const { contracts, suppliers } = a.deps.storage;
  const { request } = a;
  if ("contractId" in request) {
    const contract = await contracts.get(request.contractId);
    if (!contract || !canSeeContract(a.caller, contract)) return invalid([{ field: "contractId", message: "is not a contract in the register" }], "The award");
    const supplier = await suppliers.get(contract.supplierId);
    const fit = supplierFit(a.bidder, supplier ?? { id: contract.supplierId, name: `supplier ${contract.supplierId}, which is no longer in the register,` }, request.supplierId);
    if (!fit.fits) return unprocessable([{ field: "contractId", message: fit.message }], "The award");
    return succeeded({ kind: "existing", contractId: contract.id, reference: contract.reference, contract, supplier, supplierConfirmed: fit.confirmed });
  }
  const area = await checkServiceArea(a.deps, request.contract.serviceArea, "contract.serviceArea");
  if (!area.ok) return invalid([area.error], "The award");
  let supplier: SupplierRecord | undefined;
  if (request.supplierId !== undefined) {
    supplier = await suppliers.get(request.supplierId);
    if (!supplier) return invalid([{ field: "supplierId", message: "is not a supplier in the register" }], "The award");
  } else {
    const named = (await suppliers.all()).filter((s) => sameOrganisationName(s.name, a.bidder));
    if (named.length > 1) {
      const list = named.map((s) => `${s.name} (${s.id})`).join(", ");
      return unprocessable([{ field: "supplierId", message: `is to be chosen: ${named.length} suppliers in the register are named like ${a.bidder} (${list}). Choose the one that won` }], "The award");
    }
    supplier = named[0];
  }
  return succeeded({
    kind: "new",
    contractId: claim?.contractId ?? a.deps.newId(),
    reference: request.contract.reference,
    input: { ...request.contract, serviceArea: area.serviceArea },
    supplier,
    supplierConfirmed: supplier !== undefined && !sameOrganisationName(supplier.name, a.bidder),
  });
}

function duplicateReference(reference: string) {
  return conflict(`A contract with reference ${reference} already exists. Award that contract (choose it from the register), or give the new contract another reference.`, [
    { field: "contract.reference", message: "is already another contract's reference" },
  ]);
}

/** The id a supplier added at award gets: the same for the same name, so two awards adding one
 * new supplier at once add it once. */
function supplierIdFor(bidder: string): string {
  return stableId(`toms-award-supplier:${organisationNameKey(bidder)}`);
}

/** The supplier first added for this bidder's name is named otherwise now: the evaluator says which supplier won. */
function renamedSupplier(bidder: string, nameNow: string) {
  return unprocessable([
    {
      field: "supplierId",
      message: `is to be chosen: ${bidder} is not in the register by that name, and the supplier added for it at an earlier award is now named ${nameNow}. If that is the same organisation, choose it as the supplier; otherwise ask procurement to add ${bidder} to the register, then award again`,
    },
  ], "The award");
}

/** The mark an award's claim leaves on its contract. */
function claimMark(claim: EvaluationClaim): ContractAwardClaim {
  return { claimId: claim.claimId, evaluationId: claim.evaluationId, evaluationReference: claim.evaluationReference, bidder: claim.bidder };
}

/** Creates the award's contract under the evaluation's claim, marked with it (and its supplier, when
 * the bidder is not in the register). A retry of the award finds what an earlier attempt created. */
async function createContract(a: Award, claim: EvaluationClaim, target: Extract<Target, { kind: "new" }>, adopted: boolean): Promise<Outcome<{ created: Created; contract: Versioned<ContractRecord> }>> {
  const { contracts, suppliers } = a.deps.storage;
  // Before anything is added: a reference another contract holds stops the award here.
  const holder = await contracts.referenceHolder(target.reference);
  if (holder !== undefined && holder !== claim.contractId) return duplicateReference(target.reference);
  let supplierAdded = false;
  let supplierId = target.supplier?.id;
  if (!supplierId) {
    supplierId = supplierIdFor(a.bidder);
    try {
      await suppliers.create(supplierAddedAtAward(a.bidder), supplierId);
      supplierAdded = true;
    } catch (error) {
      if (!isStorageError(error, "conflict")) throw error;
      // Added a moment ago by another award of the same name: the same supplier. Added at an
      // earlier award and renamed since: maybe not, so the evaluator chooses.
      const existing = await suppliers.get(supplierId);
      if (!existing) throw new Error(`Bug: supplier ${supplierId} was refused as already there, and is not.`);
      if (!sameOrganisationName(existing.name, a.bidder)) return renamedSupplier(a.bidder, existing.name);
    }
  }
  const earlier = adopted ? await contracts.get(claim.contractId) : undefined;
  if (earlier) return succeeded({ created: { contract: false, supplier: supplierAdded }, contract: earlier });
  try {
    const contract = await contracts.create({ ...target.input, supplierId, awardClaim: claimMark(claim) }, claim.contractId);
    return succeeded({ created: { contract: true, supplier: supplierAdded }, contract });
  } catch (error) {
    if (!isStorageError(error, "conflict")) throw error;
    // The same award, sent twice at once, created it a moment ago; otherwise the reference is another's.
    const same = await contracts.get(claim.contractId);
    return same ? succeeded({ created: { contract: false, supplier: supplierAdded }, contract: same }) : duplicateReference(target.input.reference);
  }
}

/**
 * Marks the contract with this award's claim, once its supplier is checked on the row the mark
 * replaces (`known`: the contract as this request read or created it). A supplier changed since
 * it was read is checked again, and refused unless it is the winner too.
 */
async function markContract(a: Award, claim: EvaluationClaim, target: Target, known: Versioned<ContractRecord>): Promise<Outcome<Held>> {
  const { contracts, suppliers } = a.deps.storage;
  const expected = known.supplierId;
  let fit: Held = { supplierId: expected, supplierConfirmed: target.supplierConfirmed };
  const marked = await contracts.markAwardClaim(known, claim.contractId, claimMark(claim), async (contract) => {
    if (!contract) return invalid([{ field: "contractId", message: "is not a contract in the register" }], "The award");
    if (contract.supplierId === expected) return undefined;
    const supplier = await suppliers.get(contract.supplierId);
    const now = supplierFit(a.bidder, supplier ?? { id: contract.supplierId, name: `supplier ${contract.supplierId}, which is no longer in the register,` }, a.request.supplierId);
    if (!now.fits) return unprocessable([{ field: "contractId", message: now.message }], "The award");
    fit = { supplierId: contract.supplierId, supplierConfirmed: now.confirmed };
    return undefined;
  });
  return "refused" in marked ? marked.refused : succeeded(fit);
}

/** Gives up the contract's claim this award won (and then its evaluation's claim), writing nothing
 * more: the award cannot go ahead on this contract. */
async function giveUpContract(deps: AppDeps, claim: EvaluationClaim, state: ContractAwardState & { claim: ContractClaim }): Promise<void> {
  try {
    await deps.storage.awards.clearContract(state);
  } catch (error) {
    if (!isStorageError(error, "precondition-failed") && !isStorageError(error, "not-found")) throw error;
  }
  await releaseOwnClaim(deps, claim);
}

/**
 * The measures of the commitments entered on the contract, read in a delivery change that rewrites
 * its summary: an entry that read the partition before this award's claim then fails on the
 * summary's ETag, reads again and sees the claim (enterCommitments refuses then).
 */
async function enteredCommitments(deps: AppDeps, contract: ContractRecord): Promise<string[]> {
  return deps.storage.delivery.change(contract.id, async (partition) => {
    const records = await deliveryRecords(deps, contract, partition);
    return { result: enteredIn(records), summary: nextSummary(deps, records, partition) };
  });
}

/** The measures of the commitments a procurement officer entered. */
function enteredIn(records: { kpis: readonly KpiRecord[] }): string[] {
  return records.kpis.flatMap((k) => (k.commitment?.source === "entered" ? [k.commitment.measure] : []));
}

/** One contract carries one set of social value commitments. */
function enteredRefusal(measures: readonly string[]): Outcome<AwardResult> {
  return unprocessable([{ field: "contractId", message: `carries ${measures.length} social value commitment${measures.length === 1 ? "" : "s"} entered by a procurement officer (${measures.join(", ")}), so an award would count its social value twice: award onto a new contract instead` }], "The award");
}

/** Claims the contract for this award, or says what holds it. A left-behind holder is released and
 * the attempt starts again; a live one means this award gives up its evaluation's claim. */
async function claimContract(a: Award, claim: EvaluationClaim): Promise<(ContractAwardState & { claim: ContractClaim; won?: true }) | Outcome<AwardResult> | typeof AGAIN> {
  const { deps } = a;
  const { awards } = deps.storage;
  const won = await awards.claimContract(claim);
  // Won: the partition held no award, so nothing was written under one (no rows, no KPI updates).
  if (won) return { contractId: claim.contractId, claim: won, commitments: [], commitmentRows: [], kpiUpdates: 0, won: true };
  const state = await awards.contractState(claim.contractId);
  const holder = state.claim;
  if (!holder) return AGAIN;
  if (holder.claimId === claim.claimId) return { ...state, claim: holder };
  if (holder.state === "awarded") {
    await releaseOwnClaim(deps, claim);
    return conflict(`This contract is already awarded from evaluation ${holder.evaluationReference} (${holder.evaluationId}), to ${holder.bidder}.`, [
      { field: "contractId", message: `is already awarded from evaluation ${holder.evaluationReference}` },
    ]);
  }
  if (holder.state === "pending" && !claimIsStale(holder.touchedAt, deps.now())) {
    await releaseOwnClaim(deps, claim);
    return conflict(`This contract is being awarded from evaluation ${holder.evaluationReference} (${holder.evaluationId}). Wait for that award to finish, or choose another contract.`, [
      { field: "contractId", message: `is being awarded from evaluation ${holder.evaluationReference}` },
    ]);
  }
  await releaseContractHolder(deps, { ...state, claim: holder });
  return AGAIN;
}

/** The award is written: the evaluation and the contract say so (each step harmless to repeat).
 * The evaluation's header is copied last, so when the evaluation read at the start already shows
 * this claim's award, an earlier request made every copy and there is nothing to read again. */
async function finish(a: Award, claim: EvaluationClaim, done: ContractClaim, commitments: ContractCommitment[], created: Created): Promise<Outcome<AwardResult>> {
  const award = done.award;
  if (!award) throw new Error(`Bug: the award of contract ${done.contractId} is marked awarded without its record.`);
  if (a.evaluation.award === undefined || a.evaluation.awardClaimId !== claim.claimId) {
    await a.deps.storage.contracts.setAward(claim.contractId, claim.claimId, { evaluationId: award.evaluationId, evaluationReference: award.evaluationReference, bidder: award.bidder, awardedAt: award.awardedAt });
    // The commitments are now tracked like KPIs: the dashboards' summary of the contract says so
    // (before the evaluation's copy, which is last, so that an award stopped here is finished by the next).
    const contract = await a.deps.storage.contracts.get(claim.contractId);
    if (contract) await refreshDelivery(a.deps, contract);
    await a.deps.storage.evaluations.setAward(claim.evaluationId, claim.claimId, award);
  }
  return succeeded({ ...award, commitments, moneyLabel: a.moneyLabel, created });
}
