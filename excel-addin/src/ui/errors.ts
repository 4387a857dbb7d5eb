// Turns any failure into a sentence an evaluator can act on.
import { ApiError } from "../api/client.js";

export function userMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (typeof OfficeExtension !== "undefined" && error instanceof OfficeExtension.Error) {
    return `Excel could not finish this: ${error.message} Check that no cell is being edited, then try again.`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `Something went wrong: ${text} Try again; if it keeps happening, tell the service desk.`;
}
