// Any failure, in words a contract manager can act on: an expired sign-in, no access, offline, or
// what the service said.
import { ApiError } from "@toms/client";
import { SignedOut } from "../session.js";

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
    if (error.status === 0) {
      const offline = typeof navigator !== "undefined" && navigator.onLine === false;
      return { title: offline ? "You are offline" : "Cannot reach the TOMs service", detail: offline ? "Your device is not connected. Reconnect, then try again." : error.detail, action: "retry" };
    }
    if (error.status === 401) return { title: "Your sign-in has expired", detail: "Sign in again to carry on. Nothing you saved is lost.", action: "sign-in" };
    if (error.status === 403) return { title: "No access", detail: error.detail || "Your role does not give access to this. Ask the contracts team if you need it.", action: "none" };
    if (error.status === 404) return { title: "Not found", detail: error.detail || "It may have been removed, or the link is wrong.", action: "none" };
    if (error.status >= 500) return { title: "The service had a problem", detail: error.detail || "Try again in a minute.", action: "retry" };
    return { title: error.title, detail: error.detail, action: "none" };
  }
  return { title: "Something went wrong", detail: error instanceof Error ? error.message : String(error), action: "retry" };
}
