import { StorageError } from "./errors.js";

/** A property value as the repositories hand it over; objects are JSON-encoded by the repository. */
export type PropertyValue = string | number | boolean;

/** An entity in the plain form used above the table client and in the journal. */
export interface PlainEntity {
  partitionKey: string;
  rowKey: string;
  [property: string]: PropertyValue | undefined;
}

/** An entity read back, with the ETag that any update must present. */
export type StoredEntity = PlainEntity & { etag: string };

// Azure's documented limits. Azurite does not enforce them, so the suite does, before every write.
export const MAX_ENTITY_BYTES = 1024 * 1024;
export const MAX_PROPERTY_BYTES = 64 * 1024;
/** 255 including PartitionKey, RowKey and Timestamp. */
export const MAX_PROPERTIES = 255;
export const MAX_BATCH_OPERATIONS = 100;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const MAX_KEY_CHARS = 1024 / 2; // 1 KiB of UTF-16

// Size per Azure's formula: 4 + 2 x key lengths + for each property 8 + 2 x name length + value size.
function valueBytes(value: PropertyValue): number {
  if (typeof value === "string") return 4 + value.length * 2;
  if (typeof value === "number") return 8;
  return 1;
}

export function entityBytes(entity: PlainEntity): number {
  let size = 4 + (entity.partitionKey.length + entity.rowKey.length) * 2;
  for (const [name, value] of Object.entries(entity)) {
    if (name === "partitionKey" || name === "rowKey" || value === undefined) continue;
    size += 8 + name.length * 2 + valueBytes(value);
  }
  return size;
}

// Characters Azure refuses in PartitionKey and RowKey (control characters are matched on purpose).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_KEY_CHARS = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** Whether Azure can hold `key` as a PartitionKey or RowKey: at most 1 KiB, none of / \\ # ? or a control character. */
export function isTableKey(key: string): boolean {
  return key.length <= MAX_KEY_CHARS && !FORBIDDEN_KEY_CHARS.test(key);
}

/** Throws a StorageError naming the table, the entity and the limit when Azure would refuse it. */
export function assertWithinLimits(table: string, entity: PlainEntity): void {
  const where = `${table} entity (${entity.partitionKey}, ${entity.rowKey})`;
  for (const key of [entity.partitionKey, entity.rowKey]) {
    if (key.length > MAX_KEY_CHARS) throw new StorageError("too-large", `The key of the ${where} is longer than Azure allows (1 KiB).`);
    if (FORBIDDEN_KEY_CHARS.test(key)) throw new Error(`Bug: the key of the ${where} holds a character Azure forbids; escape it with tableKey().`);
  }
  const names = Object.keys(entity).filter((name) => entity[name] !== undefined);
  // partitionKey and rowKey are among the names; Timestamp is added by the service.
  if (names.length + 1 > MAX_PROPERTIES) {
    throw new StorageError("too-large", `The ${where} has ${names.length - 2} properties; Azure allows ${MAX_PROPERTIES - 3}.`);
  }
  for (const name of names) {
    const value = entity[name];
    if (typeof value === "string" && 4 + value.length * 2 > MAX_PROPERTY_BYTES) {
      throw new StorageError("too-large", `The "${name}" of the ${where} is too large to store (${Math.ceil(value.length / 1024)}k characters; Azure allows 32k).`);
    }
  }
  if (entityBytes(entity) > MAX_ENTITY_BYTES) {
    throw new StorageError("too-large", `The ${where} is larger than the 1 MiB Azure allows.`);
  }
}

/** Escapes a user-given value (an email, a reference) for use inside a key: reversible, key-safe. */
export function tableKey(value: string): string {
  return encodeURIComponent(value).replace(/%/g, "$");
}

export function fromTableKey(key: string): string {
  return decodeURIComponent(key.replace(/\$/g, "%"));
}
