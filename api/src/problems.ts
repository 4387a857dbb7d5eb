import type { ErrorRequestHandler, Response } from "express";
import { fieldErrorsText, notFoundText, type Failure, type FailureKind, type Outcome } from "@toms/app";
import type { FieldError } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { ZodError } from "zod";
import type { Logger } from "pino";

/** An RFC 9457 problem: the answer to every request that cannot be done. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly type = "about:blank",
    /** Sent with the answer, e.g. Retry-After on a 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

/** How long a caller should wait before trying again when something the service needs is down. */
export const RETRY_AFTER_SECONDS = 30;

/** How long a caller should wait before trying again when the server's disk is full: someone has to free space first. */
export const DISK_FULL_RETRY_AFTER_SECONDS = 300;

/** A 507 for a server whose disk has no room to record changes: in words, what happened and what to do. */
export function diskFull(): Problem {
  return new Problem(
    507,
    "The server is out of disk space",
    "The server has run out of disk space, so this request could not be completed and a change you were making may not have been saved. Tell the service desk, so that they can free space on the server; then reload to see whether your change was kept, and make it again if it was not.",
    undefined,
    "urn:toms:problem:disk-full",
    { "retry-after": String(DISK_FULL_RETRY_AFTER_SECONDS) },
  );
}

/** A 503 for a part the service needs that cannot be reached; says when to try again, in the
 * Retry-After header and in words. */
export function unavailable(title: string, detail: string): Problem {
  return new Problem(503, title, `${detail} Try again in ${RETRY_AFTER_SECONDS} seconds; if it keeps happening, tell the service desk.`, undefined, "about:blank", { "retry-after": String(RETRY_AFTER_SECONDS) });
}

export const notFound = (what: string) => new Problem(404, "Not found", notFoundText(what));
export const forbidden = (detail: string) => new Problem(403, "Not allowed", detail);

export function invalid(errors: FieldError[], what = "The request"): Problem {
  return new Problem(400, "The request is not valid", fieldErrorsText(errors, what), errors, "urn:toms:problem:invalid-input");
}

/** How each kind of use-case failure answers over HTTP. */
const FAILURES: Record<FailureKind, { status: number; title: string; type?: string }> = {
  invalid: { status: 400, title: "The request is not valid", type: "urn:toms:problem:invalid-input" },
  "not-found": { status: 404, title: "Not found" },
  forbidden: { status: 403, title: "Not allowed" },
  conflict: { status: 409, title: "Conflicts with what is stored" },
  unprocessable: { status: 422, title: "Cannot be done as asked", type: "urn:toms:problem:unprocessable" },
  stale: { status: 412, title: "Changed by someone else" },
};

export function failureProblem(failure: Failure): Problem {
  const answer = FAILURES[failure.kind];
  return new Problem(answer.status, answer.title, failure.message, failure.errors, answer.type);
}

/** A use case's value, or its failure thrown as the problem it answers with. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw failureProblem(outcome);
  return outcome.value;
}

/** Words for zod's own type messages ("Invalid input: expected string, received number"), used
 * where a schema gives none of its own. */
const TYPE_WORDS: Record<string, string> = {
  string: "must be text",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  array: "must be a list",
  object: "must be an object",
};

/** One message per field at fault. The error must come from a parse with `reportInput` (as
 * `parse` in validate.ts does): only then does a missing field read "is required", and a field
 * present with the wrong type get its schema's message. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`)).join(""),
    message: issueMessage(issue),
  }));
}

function issueMessage(issue: ZodError["issues"][number]): string {
  if (issue.code === "unrecognized_keys") return `has fields that are not known here: ${issue.keys.join(", ")}`;
  if ((issue.code === "invalid_type" || issue.code === "invalid_value") && "input" in issue && issue.input === undefined) return "is required";
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input:")) return TYPE_WORDS[issue.expected] ?? issue.message;
  if (issue.code === "invalid_value" && issue.message.startsWith("Invalid option:")) return `must be one of ${issue.values.map(String).join(", ")}`;
  return issue.message;
}

export function sendProblem(res: Response, problem: Problem, instance?: string): void {
  res.set(problem.headers);
  res.status(problem.status).type("application/problem+json").json({
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    ...(instance ? { instance } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  });
}

/** Turns anything thrown by a route into a problem; unexpected errors are logged, not shown. */
export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    const problem = toProblem(error);
    if (problem.status >= 500) log.error({ err: error, method: req.method, url: req.originalUrl }, "request failed");
    sendProblem(res, problem, req.originalUrl);
  };
}

function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (isStorageError(error)) {
    switch (error.kind) {
      case "not-found": return new Problem(404, "Not found", error.message);
      case "conflict": return new Problem(409, "Already exists", error.message);
      case "precondition-failed": return new Problem(412, "Changed by someone else", `${error.message} Reload it and make your change again.`);
      case "too-large": return new Problem(413, "Too large to store", error.message);
      case "bad-cursor": return new Problem(400, "The request is not valid", "The cursor is not one this service gave out: start the list again without it.", [{ field: "cursor", message: "is not a cursor from this list" }], "urn:toms:problem:invalid-input");
      // Logged as every 500 is; the message names what is damaged, for the service desk.
      case "damaged": return new Problem(500, "Stored data is damaged", error.message);
      // Logged as every 5xx is, with the data folder the journal could not write to, for the service desk.
      case "disk-full": return diskFull();
      case "unavailable": return unavailable("Storage unavailable", `${error.message} This request was not completed, or its result could not be confirmed: if you were changing something, reload it to see whether the change was kept.`);
    }
  }
  const bodyError = error as { type?: string; status?: number };
  if (bodyError.type === "entity.too.large") return new Problem(413, "Request too large", "The request body is larger than the 1 MB this service accepts.");
  if (bodyError.type === "entity.parse.failed") return new Problem(400, "The request is not valid", "The request body is not valid JSON.");
  if (bodyError.type === "encoding.unsupported" || bodyError.type === "charset.unsupported") return new Problem(415, "Unsupported encoding", "Send the request body as UTF-8 JSON.");
  return new Problem(500, "Something went wrong", "The service could not complete the request. It has been logged; try again, and tell the service desk if it keeps happening.");
}
