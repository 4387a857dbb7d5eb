// What a call that did not succeed throws: the service's problem (RFC 9457) in words, with the
// fields at fault, or the service not being reachable at all.
import type { FieldError } from "@toms/domain";

/** The detail of a call that never reached the service (offline, the service down, a blocked address). */
export const UNREACHABLE_DETAIL = "The service cannot be reached. Check your connection and try again.";

/** The problem JSON the service answers every failed request with. */
interface ProblemBody {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/**
 * A call the service refused or could not do, or could not be asked (status 0). `detail` says what
 * is wrong in words a council officer can act on; `fields` names each field at fault, so a form can
 * put the message beside it.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    /** The HTTP status, or 0 when the service could not be reached. */
    readonly status: number,
    /** A short heading, e.g. "The request is not valid". */
    readonly title: string,
    /** What is wrong and what to do about it. */
    readonly detail: string,
    /** The fields at fault, from the problem's `errors`; empty when none is named. */
    readonly fields: readonly FieldError[] = [],
    /** Seconds to wait before trying again, from Retry-After (sent with a 503). */
    readonly retryAfter?: number,
    /** The problem's type, e.g. "urn:toms:problem:invalid-input"; "about:blank" when it has none. */
    readonly type = "about:blank",
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }

  /** The message the service gave for a field, if it named it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

/**
 * The error for a fetch that failed before any answer came back.
 *
 * @example
 * try { await fetch(url); } catch (cause) { throw unreachable(cause); }
 */
export function unreachable(cause: unknown): ApiError {
  return new ApiError(0, "Cannot reach the service", UNREACHABLE_DETAIL, [], undefined, "about:blank", { cause });
}

/**
 * The error for a 2xx answer that cannot be used (cut off, not JSON, or missing a header it needs).
 *
 * @example
 * throw unreadable(response.status, "The service's answer could not be read.", cause);
 */
export function unreadable(status: number, what: string, cause?: unknown): ApiError {
  return new ApiError(status, "Unreadable answer", `${what} Try again; if it keeps happening, tell the service desk.`, [], undefined, "about:blank", { cause });
}

/**
 * The error for an answer that is not 2xx: the problem JSON's title, detail and errors when the
 * service sent one, otherwise words for the status (a proxy's HTML page says nothing we can show).
 *
 * @example
 * if (!response.ok) throw await problemError(response, Date.now());
 */
export async function problemError(response: Response, now: number): Promise<ApiError> {
  const retryAfter = retryAfterSeconds(response.headers.get("retry-after"), now);
  const body = await problemBody(response);
  const fields = Array.isArray(body?.errors) ? body.errors.filter(isFieldError) : [];
  const title = typeof body?.title === "string" ? body.title : statusTitle(response);
  const detail = typeof body?.detail === "string" ? body.detail : statusDetail(response.status);
  const type = typeof body?.type === "string" ? body.type : "about:blank";
  return new ApiError(response.status, title, detail, fields, retryAfter, type);
}

async function problemBody(response: Response): Promise<ProblemBody | undefined> {
  if (!/\bjson\b/i.test(response.headers.get("content-type") ?? "")) return undefined;
  try {
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null ? (body as ProblemBody) : undefined;
  } catch {
    return undefined;
  }
}

function isFieldError(value: unknown): value is FieldError {
  const candidate = value as Partial<FieldError> | null;
  return typeof candidate === "object" && candidate !== null && typeof candidate.field === "string" && typeof candidate.message === "string";
}

/** Retry-After as seconds: written as seconds, or as a date (RFC 9110), which counts from now. */
function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function statusTitle(response: Response): string {
  return response.statusText || `Answered ${response.status}`;
}

function statusDetail(status: number): string {
  if (status === 401) return "Your sign-in has expired or was not accepted. Sign in again and try again.";
  if (status === 403) return "Your account does not give access to this. Ask a procurement officer if you need it.";
  if (status === 404) return "It was not found: it may have been removed, or you may not have access to it.";
  if (status >= 500) return `The service could not complete the request (${status}). Try again; if it keeps happening, tell the service desk.`;
  return `The service refused the request (${status}).`;
}
