// Ids derived from a label, UUID-shaped: writing the same thing twice (a retry, a seed loaded
// again, two awards adding the same new supplier at once) lands on the same record.
import { createHash } from "node:crypto";

/**
 * A UUID-shaped id that is always the same for the same label.
 *
 * @example
 * stableId("toms-demo:supplier:Foleshill Facilities Ltd"); // "3f1c…-…" every time
 */
export function stableId(label: string): string {
  const hex = createHash("sha256").update(label).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
