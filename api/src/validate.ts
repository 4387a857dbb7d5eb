import type { Page } from "@toms/storage";
import type { z } from "zod";
import type { Request } from "express";
import { Problem, fieldErrors, invalid } from "./problems.js";

/** Parses a request part with its schema; a failure becomes a 400 naming every field at fault
 * (the input is reported so that a field given with the wrong type is not called missing). */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value ?? {}, { reportInput: true });
  if (!result.success) throw invalid(fieldErrors(result.error), what);
  return result.data;
}

/** Record ids are UUIDs (or the suite's UUID-shaped ids): anything else names no record. The rule is the domain's. */
export { isRecordId } from "@toms/domain";

/** A list answer: the page's items as the caller sees them, and the cursor for the next page. */
export function listBody<T, U>(page: Page<T>, show: (item: T) => U): { items: U[]; nextCursor?: string } {
  return { items: page.items.map(show), ...(page.continuationToken ? { nextCursor: page.continuationToken } : {}) };
}

/** The ETag a change was read at (If-Match): without it, a change made by someone else since
 * would be overwritten, so the change is refused (428). `what` names the record: "the contract's". */
export function ifMatchOf(req: Request, what: string): string {
  const ifMatch = req.headers["if-match"];
  if (!ifMatch) throw new Problem(428, "If-Match required", `Send ${what} ETag in an If-Match header, so that a change made by someone else since you read it is not overwritten.`);
  return ifMatch;
}
