// Reads and writes entities with their Edm types exactly, for the backup; the suite's own reads keep plain values only.
import type { TableClient, TransactionAction } from "@azure/data-tables";
import type { TypedEntity, TypedValue } from "./format.js";

// Every number and string token of a JSON text, strings first so that digits inside them stay put.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const NUMBER_MARK = "$number";

/**
 * Parses the service's JSON keeping each number's literal: without a type annotation, Azure and
 * Azurite write a Double as `5.0` and an Int32 as `5`, which JSON.parse (and so the SDK) cannot
 * tell apart. Entity values are never objects, so a number is wrapped in one.
 */
function parseKeepingNumbers(text: string): unknown {
  return JSON.parse(text.replace(TOKENS, (token) => (token.startsWith('"') ? token : `{"${NUMBER_MARK}":"${token}"}`)));
}

type Raw = string | boolean | { [NUMBER_MARK]: string } | null;
const literalOf = (raw: Raw): string | undefined => (raw !== null && typeof raw === "object" ? raw[NUMBER_MARK] : undefined);
const SYSTEM = new Set(["PartitionKey", "RowKey", "Timestamp"]);

function typedValue(name: string, raw: Raw, annotation: unknown): TypedValue {
  const literal = literalOf(raw);
  if (typeof annotation === "string") {
    const type = annotation.replace(/^Edm\./, "");
    if (type === "Double") return { type, value: literal !== undefined ? Number(literal) : (raw as "NaN" | "Infinity" | "-Infinity") };
    if (type === "Int32") return { type, value: Number(literal ?? raw) };
    if (type === "Boolean") return { type, value: raw === true };
    if (type === "String" || type === "Int64" || type === "DateTime" || type === "Guid" || type === "Binary") return { type, value: literal ?? String(raw) };
    throw new Error(`The property ${name} has a type this backup does not know (${annotation}).`);
  }
  if (typeof raw === "string") return { type: "String", value: raw };
  if (typeof raw === "boolean") return { type: "Boolean", value: raw };
  if (literal !== undefined) {
    const value = Number(literal);
    const int32 = !/[.eE]/.test(literal) && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
    return int32 ? { type: "Int32", value } : { type: "Double", value };
  }
  throw new Error(`The property ${name} has a value this backup does not know.`);
}

function typedEntity(raw: Record<string, Raw>): TypedEntity {
  const properties: Record<string, TypedValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.startsWith("odata.") || name.includes("@odata.") || SYSTEM.has(name)) continue;
    properties[name] = typedValue(name, value, raw[`${name}@odata.type`]);
  }
  return { partitionKey: String(raw.PartitionKey), rowKey: String(raw.RowKey), properties };
}

/** Every entity of the table, page by page, in the service's order (by PartitionKey, then RowKey). */
export async function* typedEntities(client: TableClient, pageSize = 1000): AsyncGenerator<TypedEntity[]> {
  let body = "";
  // Full metadata: the service then annotates every type it can; the rest is read from the literal.
  const pages = client
    .listEntities({ disableTypeConversion: true, queryOptions: { format: "application/json;odata=fullmetadata" } as object, onResponse: (response) => (body = response.bodyAsText ?? "") })
    .byPage({ maxPageSize: pageSize });
  for await (const _page of pages) {
    const parsed = parseKeepingNumbers(body) as { value?: Record<string, Raw>[] };
    yield (parsed.value ?? []).map(typedEntity);
  }
}

/** The entity as the SDK sends it: each property with its Edm type named. */
function sdkEntity(entity: TypedEntity): { partitionKey: string; rowKey: string; [name: string]: unknown } {
  const out: { partitionKey: string; rowKey: string; [name: string]: unknown } = { partitionKey: entity.partitionKey, rowKey: entity.rowKey };
  for (const [name, property] of Object.entries(entity.properties)) out[name] = { value: property.value, type: property.type };
  return out;
}

/** Inserts or replaces the entities, all of one partition, in one transaction. */
export async function upsertTyped(client: TableClient, entities: readonly TypedEntity[]): Promise<void> {
  await client.submitTransaction(entities.map((entity): TransactionAction => ["upsert", sdkEntity(entity), "Replace"]));
}

/** Whether the table holds any entity (one row asked for, keys only). */
export async function hasEntities(client: TableClient): Promise<boolean> {
  const first = await client.listEntities({ queryOptions: { select: ["RowKey"] } }).byPage({ maxPageSize: 1 }).next();
  return !first.done && first.value.length > 0;
}

/** Deletes every entity of the table, in transactions of at most 100 within a partition; returns how many. */
export async function clearTable(client: TableClient): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Always the first page: what is deleted is gone, so no continuation token is needed.
    const page = await client.listEntities({ queryOptions: { select: ["PartitionKey", "RowKey"] } }).byPage({ maxPageSize: 1000 }).next();
    if (page.done || page.value.length === 0) return deleted;
    const byPartition = new Map<string, string[]>();
    for (const entity of page.value) {
      const rows = byPartition.get(entity.partitionKey ?? "") ?? [];
      rows.push(entity.rowKey ?? "");
      byPartition.set(entity.partitionKey ?? "", rows);
    }
    for (const [partitionKey, rowKeys] of byPartition) {
      for (let i = 0; i < rowKeys.length; i += 100) {
        await client.submitTransaction(rowKeys.slice(i, i + 100).map((rowKey): TransactionAction => ["delete", { partitionKey, rowKey }]));
      }
    }
    deleted += page.value.length;
  }
}
