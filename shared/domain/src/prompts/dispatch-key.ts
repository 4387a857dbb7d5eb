// The key a prompt is sent under at most once, across restarts and instances.
import type { Prompt } from "./model.js";

/** The dispatch key: each part escaped so that "|" inside a part cannot collide. */
export function dispatchKey(prompt: Prompt): string {
  return [prompt.kind, prompt.contractId, prompt.kpiId ?? "-", prompt.period ?? "-", prompt.recipient.userId, prompt.round || "-"].map((part) => encodeURIComponent(part)).join("|");
}
