// Submit a scored evaluation: the service scores it again from the catalogue version it names and
// keeps it, once per idempotency key.
import { createHash } from "node:crypto";
import { DEFAULT_CATALOGUE, evaluationFromSubmission, hasRole, scoreEvaluation, scoreJson, type EvaluationSubmission, type Principal } from "@toms/domain";
import type { StoredEvaluation } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { conflict, forbidden, invalid, succeeded, type Outcome } from "../outcome.js";

export interface SubmitEvaluationRequest {
  submission: EvaluationSubmission;
  /** The caller's key for this submission: sent again, it answers the evaluation first stored. */
  idempotencyKey?: string;
  /** A fixed id (the demo's, so that loading it twice changes nothing); otherwise the key's, or a new one. */
  id?: string;
}

export interface SubmittedEvaluation {
  evaluation: StoredEvaluation;
  /** False when the key (or the id) had stored it already. */
  created: boolean;
}

/**
 * Stores an evaluation, for evaluators and procurement officers. The results stored never rest on
 * the client's arithmetic: the service scores it again. The workbook's issues are the client's (the
 * service cannot see the workbook), then the service's. The same key with another submission is
 * refused (409).
 *
 * @example
 * const outcome = await submitEvaluation(deps, evaluator, { submission, idempotencyKey: "a1b2c3d4-…" });
 * if (outcome.ok) console.log(outcome.value.evaluation.id);
 */
export async function submitEvaluation(deps: AppDeps, caller: Principal, request: SubmitEvaluationRequest): Promise<Outcome<SubmittedEvaluation>> {
  if (!hasRole(caller, "admin", "evaluator")) return forbidden("Only evaluators and procurement officers can submit an evaluation.");
  const { submission } = request;
  const { evaluations, catalogues } = deps.storage;
  const version = submission.tender.catalogueVersion;
  const catalogue = version === DEFAULT_CATALOGUE.version ? ((await catalogues.get(version)) ?? DEFAULT_CATALOGUE) : await catalogues.get(version);
  if (!catalogue) return invalid([{ field: "tender.catalogueVersion", message: `${version} is not a published catalogue version` }], "The evaluation");
  const built = evaluationFromSubmission(submission, catalogue);
  if (!built.ok) return invalid(built.problems, "The evaluation");
  const result = scoreEvaluation(built.evaluation);
  const json = scoreJson({ evaluation: built.evaluation, result, issues: [...submission.workbookIssues, ...result.issues] });
  const id = request.id ?? (request.idempotencyKey ? await evaluations.claimIdempotencyKey(caller.userId, request.idempotencyKey) : deps.newId());
  const fingerprint = createHash("sha256").update(JSON.stringify(submission)).digest("base64url");
  const saved = await evaluations.save(id, submission, fingerprint, json, caller.userId);
  if (saved.evaluation.fingerprint !== fingerprint) return conflict("This Idempotency-Key was already used for a different evaluation. Use a new key for a new submission.");
  return succeeded(saved);
}
