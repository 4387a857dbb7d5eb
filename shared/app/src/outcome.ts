// What a use case answers: its result, or a failure its caller maps (to an HTTP status, a CLI exit
// code, a bot reply). Expected failures are values; only bugs throw.
import type { FieldError } from "@toms/domain";

// The domain's, passed on to the use cases that name fields in their failures.
export type { FieldError };

/**
 * - invalid: the request itself is wrong (a field names nothing that exists);
 * - not-found: what it names does not exist, or the caller may not see it;
 * - forbidden: the caller's role does not allow it;
 * - conflict: what is stored stands in the way (already awarded, being awarded, a reference taken);
 * - unprocessable: well formed, but a rule refuses it until the caller confirms or changes something;
 * - stale: the record changed since the caller read it (their ETag is not its ETag).
 */
export type FailureKind = "invalid" | "not-found" | "forbidden" | "conflict" | "unprocessable" | "stale";

export interface Failure {
  ok: false;
  kind: FailureKind;
  /** A sentence the user can act on. */
  message: string;
  errors?: FieldError[];
}

export type Outcome<T> = { ok: true; value: T } | Failure;

/**
 * A successful outcome.
 *
 * @example
 * return succeeded(award);
 */
export function succeeded<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/**
 * "The award: bidder is not a bidder in this evaluation." or, for several, each in turn.
 *
 * @example
 * fieldErrorsText([{ field: "contractId", message: "is required" }], "The award"); // "The award: contractId is required."
 */
export function fieldErrorsText(errors: readonly FieldError[], what: string): string {
  const describe = (error: FieldError) => (error.field ? `${error.field} ${error.message}` : error.message);
  return errors.length === 1 ? `${what}: ${describe(errors[0] as FieldError)}.` : `${what} has ${errors.length} problems: ${errors.map(describe).join("; ")}.`;
}

/**
 * The request names something wrong.
 *
 * @example
 * return invalid([{ field: "bidder", message: "is not a bidder in this evaluation" }], "The award");
 */
export function invalid(errors: FieldError[], what: string): Failure {
  return { ok: false, kind: "invalid", message: fieldErrorsText(errors, what), errors };
}

/**
 * A rule refuses the request as it stands; the errors say what to change or confirm.
 *
 * @example
 * return unprocessable([{ field: "issuesReviewed", message: "is needed: tick that you reviewed the 2 Error-level scoring issues, then award" }], "The award");
 */
export function unprocessable(errors: FieldError[], what: string): Failure {
  return { ok: false, kind: "unprocessable", message: fieldErrorsText(errors, what), errors };
}

/**
 * Nothing by that name, or nothing the caller may see (the two read the same).
 *
 * @example
 * return notFound("The evaluation");
 */
export function notFound(what: string): Failure {
  return { ok: false, kind: "not-found", message: notFoundText(what) };
}

/**
 * The words for nothing found, or nothing the caller may see (the same words for both).
 *
 * @example
 * notFoundText("The contract"); // "The contract was not found, or you do not have access to it."
 */
export function notFoundText(what: string): string {
  return `${what} was not found, or you do not have access to it.`;
}

/**
 * The caller's role does not allow this.
 *
 * @example
 * return forbidden("Only procurement officers (admin) can withdraw an award.");
 */
export function forbidden(message: string): Failure {
  return { ok: false, kind: "forbidden", message };
}

/**
 * What is stored stands in the way; the message names it.
 *
 * @example
 * return conflict("This contract is being awarded from evaluation CCC-T-1 (e-1).");
 */
export function conflict(message: string, errors?: FieldError[]): Failure {
  return { ok: false, kind: "conflict", message, ...(errors ? { errors } : {}) };
}

/**
 * The caller's copy is out of date: someone changed the record since they read it.
 *
 * @example
 * if (row.etag !== request.etag) return stale("The KPI has changed since it was read.");
 */
export function stale(message: string): Failure {
  return { ok: false, kind: "stale", message };
}
