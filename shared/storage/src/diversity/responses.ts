// Suppliers' answers (DiversityResponses): one partition per supplier holding, per year, the answer
// that counts ("current-YEAR"), every submission ("revision-YEAR-0001"...) and a draft ("draft-YEAR").
import { odata } from "@azure/data-tables";
import { MAX_BATCH_OPERATIONS, tableKey, type PlainEntity, type StoredEntity } from "../entity.js";
import { isStorageError, StorageError } from "../errors.js";
import type { BatchOperation, TableStore } from "../store.js";
import type { ResponseStorage, WithEtag } from "./diversity-storage.js";
import { jsonProperties, readJson } from "./json-text.js";
import type { ResponseRow, StoredDraft, StoredResponse, Submitter } from "./records.js";

export const RESPONSES_TABLE = "DiversityResponses";

const CURRENT = "current-";
const REVISION = "revision-";
const DRAFT = "draft-";
/** Revisions are padded to four digits so that a year's history lists in order. */
const MAX_REVISION = 9999;
/** How many times an erasure reads the partition again when answers arrive while it deletes. */
const ERASE_PASSES = 5;

export const currentKey = (year: number) => `${CURRENT}${year}`;
export const revisionKey = (year: number, revision: number) => `${REVISION}${year}-${String(revision).padStart(4, "0")}`;
export const draftKey = (year: number) => `${DRAFT}${year}`;

// Every row carries `at` (when it was submitted, or the draft saved): retention asks one question of the whole table.
function responseEntity(rowKey: string, response: StoredResponse): PlainEntity {
  return {
    partitionKey: tableKey(response.supplierId),
    rowKey,
    supplierId: response.supplierId,
    year: response.year,
    revision: response.revision,
    ...jsonProperties("answers", response.answers),
    submittedAt: response.submittedAt,
    ...jsonProperties("submittedBy", response.submittedBy),
    idempotencyKey: response.idempotencyKey,
    at: response.submittedAt,
  };
}

function responseFrom(entity: StoredEntity): WithEtag<StoredResponse> {
  return {
    year: Number(entity.year),
    supplierId: String(entity.supplierId),
    revision: Number(entity.revision),
    answers: readJson<StoredResponse["answers"]>(entity, "answers", RESPONSES_TABLE),
    submittedAt: String(entity.submittedAt),
    submittedBy: readJson<Submitter>(entity, "submittedBy", RESPONSES_TABLE),
    ...(typeof entity.idempotencyKey === "string" ? { idempotencyKey: entity.idempotencyKey } : {}),
    etag: entity.etag,
  };
}

function draftEntity(draft: StoredDraft): PlainEntity {
  return {
    partitionKey: tableKey(draft.supplierId),
    rowKey: draftKey(draft.year),
    supplierId: draft.supplierId,
    year: draft.year,
    ...jsonProperties("fields", draft.fields),
    savedAt: draft.savedAt,
    at: draft.savedAt,
  };
}

function draftFrom(entity: StoredEntity): StoredDraft {
  return {
    year: Number(entity.year),
    supplierId: String(entity.supplierId),
    fields: readJson<StoredDraft["fields"]>(entity, "fields", RESPONSES_TABLE),
    savedAt: String(entity.savedAt),
  };
}

/** Without its ETag, as history and exports hand it over. */
function withoutEtag({ etag: _etag, ...response }: WithEtag<StoredResponse>): StoredResponse {
  return response;
}

const byYearAndRevision = (a: StoredResponse, b: StoredResponse) => a.year - b.year || a.revision - b.revision;
const answersOf = (supplierId: string, year?: number) => `The diversity answers of supplier ${supplierId}${year === undefined ? "" : ` for ${year}`}`;

export function responseStorage(store: TableStore): ResponseStorage {
  const partitionOf = (supplierId: string) => store.all(RESPONSES_TABLE, odata`PartitionKey eq ${tableKey(supplierId)}`);

  /** Deletes rows of one partition in transactions; a row already gone is not an error. */
  async function deleteInPartition(partitionKey: string, rowKeys: readonly string[], what: string): Promise<void> {
    for (let start = 0; start < rowKeys.length; start += MAX_BATCH_OPERATIONS) {
      const chunk = rowKeys.slice(start, start + MAX_BATCH_OPERATIONS);
      const operations: BatchOperation[] = chunk.map((rowKey) => ({ kind: "delete", partitionKey, rowKey }));
      try {
        await store.batch(RESPONSES_TABLE, partitionKey, operations, what);
      } catch (error) {
        // One row of the transaction deleted meanwhile fails the whole: the rest one by one.
        if (!isStorageError(error, "not-found")) throw error;
        for (const rowKey of chunk) await store.delete(RESPONSES_TABLE, partitionKey, rowKey);
      }
    }
  }

  return {
    async current(year) {
      return (await store.all(RESPONSES_TABLE, odata`RowKey eq ${currentKey(year)}`)).map((row) => withoutEtag(responseFrom(row))).sort((a, b) => a.supplierId.localeCompare(b.supplierId));
    },

    async currentOf(supplierId, year) {
      const entity = await store.get(RESPONSES_TABLE, tableKey(supplierId), currentKey(year));
      return entity ? responseFrom(entity) : undefined;
    },

    async allOf(supplierId) {
      const rows = await partitionOf(supplierId);
      const of = (prefix: string) => rows.filter((row) => row.rowKey.startsWith(prefix));
      return {
        current: of(CURRENT).map((row) => withoutEtag(responseFrom(row))).sort(byYearAndRevision),
        history: of(REVISION).map((row) => withoutEtag(responseFrom(row))).sort(byYearAndRevision),
        drafts: of(DRAFT).map(draftFrom).sort((a, b) => a.year - b.year),
      };
    },

    async submit(response, currentEtag) {
      const stored = withoutEtag(response as WithEtag<StoredResponse>);
      if (!Number.isInteger(stored.revision) || stored.revision < 1 || stored.revision > MAX_REVISION) {
        throw new Error(`Bug: a diversity answer's revision is a whole number from 1 to ${MAX_REVISION}, not ${stored.revision}.`);
      }
      const partitionKey = tableKey(stored.supplierId);
      const what = answersOf(stored.supplierId, stored.year);
      const current = responseEntity(currentKey(stored.year), stored);
      const operations: BatchOperation[] = [
        currentEtag === undefined ? { kind: "create", entity: current } : { kind: "update", entity: current, etag: currentEtag },
        { kind: "create", entity: responseEntity(revisionKey(stored.year, stored.revision), stored) },
      ];
      // A transaction's delete is unconditional, so only a draft that is there is named: the
      // update (or create) of the answer that counts is what guards the whole against a race.
      if (await store.get(RESPONSES_TABLE, partitionKey, draftKey(stored.year))) operations.push({ kind: "delete", partitionKey, rowKey: draftKey(stored.year) });
      try {
        await store.batch(RESPONSES_TABLE, partitionKey, operations, what);
      } catch (error) {
        // The answer, or the draft read, went meanwhile (another submission, or an erasure): a race lost.
        if (isStorageError(error, "not-found")) throw new StorageError("precondition-failed", `${what} changed while they were being sent. Open the form again and send them once more.`, { cause: error });
        throw error;
      }
      return stored;
    },

    async saveDraft(draft) {
      // The form's latest save wins: a draft carries no decision to guard.
      await store.upsert(RESPONSES_TABLE, draftEntity(draft));
    },

    async draftOf(supplierId, year) {
      const entity = await store.get(RESPONSES_TABLE, tableKey(supplierId), draftKey(year));
      return entity ? draftFrom(entity) : undefined;
    },

    async eraseSupplier(supplierId, year) {
      const partitionKey = tableKey(supplierId);
      let erased = 0;
      // Read again after deleting: a submission landing meanwhile is erased too (a few times, not for ever).
      for (let pass = 1; ; pass++) {
        const rows = (await partitionOf(supplierId)).filter((row) => year === undefined || Number(row.year) === year);
        if (rows.length === 0) return erased;
        if (pass > ERASE_PASSES) throw new StorageError("precondition-failed", `${answersOf(supplierId)} kept changing while they were being deleted. Try again.`);
        await deleteInPartition(partitionKey, rows.map((row) => row.rowKey), answersOf(supplierId));
        erased += rows.length;
      }
    },

    async submittedBefore(cutoffIso) {
      const rows = await store.all(RESPONSES_TABLE, odata`at lt ${cutoffIso}`);
      return rows.map((row): ResponseRow => ({ supplierId: String(row.supplierId), rowKey: row.rowKey, year: Number(row.year) }));
    },

    async deleteRows(rows) {
      const byPartition = new Map<string, { supplierId: string; rowKeys: Set<string> }>();
      for (const row of rows) {
        const partitionKey = tableKey(row.supplierId);
        const entry = byPartition.get(partitionKey) ?? { supplierId: row.supplierId, rowKeys: new Set<string>() };
        entry.rowKeys.add(row.rowKey);
        byPartition.set(partitionKey, entry);
      }
      let deleted = 0;
      for (const [partitionKey, { supplierId, rowKeys }] of byPartition) {
        await deleteInPartition(partitionKey, [...rowKeys], answersOf(supplierId));
        deleted += rowKeys.size;
      }
      return deleted;
    },
  };
}

