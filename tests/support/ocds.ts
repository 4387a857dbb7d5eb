// The shipped OCDS 1.1.5 + UK extension release schema (schemas/ocds/) as a validator, for the
// notice tests and the API tests alike: each error as "<JSON Pointer>: <message>".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

/** The folder holding the shipped schema and its sources. */
export const OCDS_SCHEMA_DIR = fileURLToPath(new URL("../../schemas/ocds/", import.meta.url));

/** The compiled release schema, parsed. */
export const releaseSchema = JSON.parse(readFileSync(`${OCDS_SCHEMA_DIR}release-schema-uk.json`, "utf8")) as Record<string, unknown>;

// strict: false, because OCDS's own keywords (codelist, omitWhenMerged...) are not JSON Schema;
// ajv-formats checks date-time as RFC 3339, so a date without an offset is refused. The packages
// are CommonJS whose module object is also reachable as `.default`, which is what the types name.
const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(releaseSchema);

/** What is wrong with a release against the schema, one "<JSON Pointer>: <message>" per error; empty when valid. */
export function releaseErrors(release: unknown): string[] {
  if (validate(release)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath}: ${e.message ?? e.keyword}`);
}
