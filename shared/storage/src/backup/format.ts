// The backup file: JSON lines, a header first, one line per entity, a manifest and a checksum last (docs/backup.md).
import { z } from "zod";

/** What the first line says the file is. */
export const BACKUP_FORMAT = "toms-backup";
/** Raised when the file's layout changes; an import refuses a version it does not know. */
export const BACKUP_FORMAT_VERSION = 1;

/** Azure Table storage's property types (Edm.*): each is kept as stored. */
export const EDM_TYPES = ["String", "Boolean", "Int32", "Int64", "Double", "DateTime", "Guid", "Binary"] as const;
export type EdmType = (typeof EDM_TYPES)[number];

/**
 * One property as the file holds it. Strings, Booleans and Int32 are JSON values of that kind;
 * a Double is a JSON number, or "NaN", "Infinity", "-Infinity"; Int64 is its decimal digits (a
 * JSON number could not hold it exactly); DateTime is the service's ISO text (with its 7 decimals);
 * Guid is its text; Binary is base64.
 */
export type TypedValue =
  | { type: "String" | "Int64" | "DateTime" | "Guid" | "Binary"; value: string }
  | { type: "Boolean"; value: boolean }
  | { type: "Int32"; value: number }
  | { type: "Double"; value: number | "NaN" | "Infinity" | "-Infinity" };

/** An entity with its keys and typed properties; no ETag and no Timestamp (the service sets both). */
export interface TypedEntity {
  partitionKey: string;
  rowKey: string;
  properties: Record<string, TypedValue>;
}

const INT32 = z.number().int().min(-2147483648).max(2147483647);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A real moment (no 13th month, no 25th hour) within what Edm.DateTime holds: 1601 to 9999. */
function isStorableDateTime(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const moment = new Date(`${value.slice(0, 19)}Z`);
  return year >= 1601 && !Number.isNaN(moment.getTime()) && moment.toISOString().slice(0, 19) === value.slice(0, 19);
}
const typedValueSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("String"), value: z.string() }),
  z.object({ type: z.literal("Boolean"), value: z.boolean() }),
  z.object({ type: z.literal("Int32"), value: INT32 }),
  z.object({ type: z.literal("Int64"), value: z.string().regex(/^-?\d{1,19}$/).refine((v) => !/^-?\d+$/.test(v) || (BigInt(v) >= INT64_MIN && BigInt(v) <= INT64_MAX), "is outside a 64-bit whole number") }),
  z.object({ type: z.literal("Double"), value: z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]) }),
  z.object({ type: z.literal("DateTime"), value: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/).refine(isStorableDateTime, "is not a date and time Azure can store (1601 to 9999)") }),
  z.object({ type: z.literal("Guid"), value: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/) }),
  z.object({ type: z.literal("Binary"), value: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).refine((v) => v.length % 4 === 0, "is not base64 of whole bytes") }),
]);

export const headerSchema = z.object({
  kind: z.literal("header"),
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  suiteVersion: z.string(),
  createdAt: z.string(),
  /** Which storage it was made from, in words and without any key. */
  source: z.string(),
  /** The suite's logical table names (without the prefix), in the order their rows follow. */
  tables: z.array(z.string()),
});
export type BackupHeader = z.infer<typeof headerSchema>;

export const rowSchema = z.object({
  kind: z.literal("row"),
  table: z.string(),
  partitionKey: z.string(),
  rowKey: z.string(),
  properties: z.record(z.string(), typedValueSchema),
});
export type BackupRow = z.infer<typeof rowSchema>;

export const tableSummarySchema = z.object({ name: z.string(), rows: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export type TableSummary = z.infer<typeof tableSummarySchema>;

export const manifestSchema = z.object({ kind: z.literal("manifest"), tables: z.array(tableSummarySchema) });
export type BackupManifest = z.infer<typeof manifestSchema>;

/** The last line: SHA-256 of every byte before it. */
export const checksumSchema = z.object({ kind: z.literal("checksum"), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** One line of the file, with its newline: what the hashes are taken over. */
export const line = (record: object): string => `${JSON.stringify(record)}\n`;
