// Any failure, in words a contract manager can act on: an expired sign-in, no access, offline, or
// what the service said (its dates and periods in UK words).
import { ApiError } from "@toms/client";
import { SignedOut } from "../session.js";
import { inUkWords } from "./format.js";

export interface ProblemWords {
  title: string;
  detail: string;
  /** "sign-in": the user must sign in again; "retry": trying again may work; "none": it will not. */
  action: "sign-in" | "retry" | "none";
}

/** What went wrong, as the page says it. */
export function problemWords(error: unknown): ProblemWords {
  if (error instanceof SignedOut) return { title: "Sign in", detail: "Sign in to see your contracts.", action: "sign-in" };
  if (error instanceof ApiError) {
    const detail = inUkWords(error.detail);
    if (error.status === 0) {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      return { title: offline ? "You are offline" : "Cannot reach the TOMs service", detail: offline ? "Your device is not connected. Reconnect, then try again." : detail, action: "retry" };
    }
    if (error.status === 401) return { title: "Your sign-in has expired", detail: "Sign in again to carry on. Nothing you saved is lost.", action: "sign-in" };
    if (error.status === 403) return { title: "No access", detail: detail || "Your role does not give access to this. Ask the contracts team if you need it.", action: "none" };
    if (error.status === 404) return { title: "Not found", detail: detail || "It may have been removed, or the link is wrong.", action: "none" };
    if (error.status >= 500) return { title: "The service had a problem", detail: detail || "Try again in a minute.", action: "retry" };
    return { title: error.title, detail, action: "none" };
  }
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error), action: "retry" };
}

/**
 * What the service said of one field of a refused form, as the field shows it under itself:
 * "must be on or after the contract's start, 2024-09-01" reads "Must be on or after the
 * contract's start, 1 September 2024". Undefined when it said nothing of that field.
 */
export function fieldProblem(error: ApiError | undefined, field: string): string | undefined {
  const message = error?.fieldMessage(field);
  if (!message) return undefined;
  const words = inUkWords(message);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
