// JSON-valued fields as text properties of an entity, split over several when longer than one property holds.
import type { PlainEntity, StoredEntity } from "../entity.js";
import { StorageError } from "../errors.js";

/** Characters per property: Azure holds 64 KiB in one, that is 32k UTF-16 characters. */
const PART_CHARS = 30_000;

/**
 * The value as JSON text under `name`, and when longer than one property holds, its rest under
 * `name1`, `name2`... (an audit of a read of every supplier's answers names a thousand suppliers).
 * Never cut between the two halves of a surrogate pair, which would not survive UTF-8.
 */
export function jsonProperties(name: string, value: unknown): Record<string, string> {
  const json = JSON.stringify(value);
  const properties: Record<string, string> = {};
  let start = 0;
  let part = 0;
  do {
    let end = Math.min(start + PART_CHARS, json.length);
    const before = json.charCodeAt(end - 1);
    if (end < json.length && before >= 0xd800 && before <= 0xdbff) end--;
    properties[part === 0 ? name : `${name}${part}`] = json.slice(start, end);
    part++;
    start = end;
  } while (start < json.length);
  return properties;
}

/** The value jsonProperties wrote under `name`; damaged when it is missing or cut short. */
export function readJson<T>(entity: StoredEntity | PlainEntity, name: string, table: string): T {
  let json = typeof entity[name] === "string" ? (entity[name] as string) : "";
  for (let part = 1; typeof entity[`${name}${part}`] === "string"; part++) json += entity[`${name}${part}`] as string;
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw new StorageError("damaged", `The ${table} record (${entity.partitionKey}, ${entity.rowKey}) does not hold its whole "${name}".`, { cause: error });
  }
}

/** A text property that may be absent, as an optional field (spread into the record). */
export function optionalText<K extends string>(entity: StoredEntity | PlainEntity, name: K): { [P in K]?: string } {
  const value = entity[name];
  return (typeof value === "string" ? { [name]: value } : {}) as { [P in K]?: string };
}
