// The ids of the register's records (suppliers, contracts, KPIs, updates, evaluations...): UUIDs,
// or the UUID-shaped ids the suite derives from a label (stableId). A text of any other shape
// names no record, so it is refused before any storage request is made: a "/" or a control
// character would otherwise reach a table key, where Azure refuses it.
import { z } from "zod";

/** Letters, digits and dashes, at most 64: every id the suite gives out has this shape. */
const RECORD_ID = /^[0-9A-Za-z-]{1,64}$/;

/** Whether `id` could be the id of one of the register's records. */
export function isRecordId(id: unknown): id is string {
  return typeof id === "string" && RECORD_ID.test(id);
}

/**
 * A field naming a record by its id; `what` says which, in the caller's words ("a supplier in the
 * register"). Anything but an id's shape is refused with a message naming what was expected.
 * @example
 * z.object({ supplierId: recordIdSchema("a supplier in the register") }).safeParse({ supplierId: "a/b" });
 * // fails: supplierId "must be the id of a supplier in the register (letters, digits and dashes, as the register gives it)"
 */
export function recordIdSchema(what: string) {
  const message = `must be the id of ${what} (letters, digits and dashes, as the register gives it)`;
  return z.string({ error: message }).trim().min(1, "is required").refine(isRecordId, message);
}
