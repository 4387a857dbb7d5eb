// The key a prompt is sent under at most once, across restarts and instances.
import type { Prompt } from "./model.js";

/** The dispatch key: each part escaped so that "|" inside a part cannot collide. */
export function dispatchKey(prompt: Prompt): string {
  return [prompt.kind, prompt.contractId, prompt.kpiId ?? "-", prompt.period ?? "-", prompt.recipient.userId, prompt.round || "-"].map((part) => encodeURIComponent(part)).join("|");
}

/**
 * The key the prompt had before contacts were keyed by contact id (issue 13): a contact in Teams
 * was named by their Entra object id. A row under it means the prompt was already claimed, so it
 * is not asked again under the new key. Undefined when there is no older key (managers, contacts
 * known only by e-mail).
 */
export function legacyDispatchKey(prompt: Prompt): string | undefined {
  const { recipient } = prompt;
  if (recipient.as !== "supplier-contact" || !recipient.aadObjectId) return undefined;
  return dispatchKey({ ...prompt, recipient: { userId: recipient.aadObjectId, as: "supplier-contact" } });
}
