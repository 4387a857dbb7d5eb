import { odata } from "@azure/data-tables";
import type { ContractAwardClaim, ContractAwardRef, ContractPatch, ContractRecord, ContractStatus } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { StorageError, isStorageError } from "./errors.js";
import { retryOnChange } from "./retry-on-change.js";
import { mapPage, type BatchOperation, type Page, type TableStore } from "./store.js";
import type { Versioned } from "./suppliers.js";

/**
 * The contract register: one partition ("contract") with a row per contract (RowKey "c:<id>") and
 * a claim per reference (RowKey "ref:<REFERENCE>"), written in one transaction so that references
 * are unique. Lists are one filtered query over the partition, a page at a time. A contract's row
 * also says which award it carries (copied there when the award is complete), so lists need no
 * second query, and which award's claim holds it (`awardClaim`, written before the award writes
 * anything), so a change of supplier is refused without a second query.
 */
export const CONTRACTS_TABLE = "Contracts";
const PARTITION = "contract";
const ROW = "c:";

function referenceClaim(reference: string): string {
  return `ref:${tableKey(reference.trim().toUpperCase())}`;
}

function toEntity(record: ContractRecord): PlainEntity {
  return {
    partitionKey: PARTITION,
    rowKey: `${ROW}${record.id}`,
    reference: record.reference,
    title: record.title,
    description: record.description,
    supplierId: record.supplierId,
    category: record.category,
    value: record.value,
    startDate: record.startDate,
    endDate: record.endDate,
    managerId: record.managerId,
    managerName: record.managerName,
    department: record.department,
    serviceArea: record.serviceArea,
    kpiExemptionReason: record.kpiExemptionReason,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    award: record.award ? JSON.stringify(record.award) : undefined,
    awardClaim: record.awardClaim ? JSON.stringify(record.awardClaim) : undefined,
  };
}

function fromEntity(entity: StoredEntity): Versioned<ContractRecord> {
  const optional = (name: string) => (typeof entity[name] === "string" ? { [name]: entity[name] as string } : {});
  return {
    id: entity.rowKey.slice(ROW.length),
    reference: String(entity.reference),
    title: String(entity.title),
    supplierId: String(entity.supplierId),
    category: String(entity.category) as ContractRecord["category"],
    value: Number(entity.value),
    startDate: String(entity.startDate),
    endDate: String(entity.endDate),
    managerId: String(entity.managerId),
    ...optional("description"),
    ...optional("managerName"),
    ...optional("department"),
    ...optional("serviceArea"),
    ...optional("kpiExemptionReason"),
    createdAt: String(entity.createdAt),
    updatedAt: String(entity.updatedAt),
    ...(typeof entity.award === "string" ? { award: JSON.parse(entity.award) as ContractAwardRef } : {}),
    ...(typeof entity.awardClaim === "string" ? { awardClaim: JSON.parse(entity.awardClaim) as ContractAwardClaim } : {}),
    etag: entity.etag,
  };
}

export interface ContractFilter {
  supplierId?: string;
  managerId?: string;
  category?: string;
  status?: ContractStatus;
  /** Today's date (YYYY-MM-DD), needed to filter by status. */
  today: string;
}

function duplicateReference(reference: string, error: unknown): StorageError {
  return new StorageError("conflict", `A contract with reference ${reference} already exists.`, { cause: error });
}

export class ContractRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: Omit<ContractRecord, "id" | "createdAt" | "updatedAt">, id: string = crypto.randomUUID()): Promise<Versioned<ContractRecord>> {
    const at = this.now().toISOString();
    const record: ContractRecord = { ...input, id, createdAt: at, updatedAt: at };
    const write = () =>
      this.store.batch(CONTRACTS_TABLE, PARTITION, [
        { kind: "create", entity: toEntity(record) },
        { kind: "create", entity: { partitionKey: PARTITION, rowKey: referenceClaim(record.reference), contractId: id } },
      ], `Contract ${record.reference}`);
    try {
      let etags: string[];
      try {
        etags = await write();
      } catch (error) {
        if (!isStorageError(error, "conflict") || !(await this.freeLeftReference(record.reference))) throw error;
        etags = await write();
      }
      return { ...record, etag: etags[0] ?? "" };
    } catch (error) {
      if (isStorageError(error, "conflict")) throw duplicateReference(record.reference, error);
      throw error;
    }
  }

  /**
   * Frees a reference left naming a contract that is no longer in the register (a removal stopped
   * between its two deletes), so that it can be used again; a reference in use stays. True when
   * the reference named no contract.
   */
  private async freeLeftReference(reference: string): Promise<boolean> {
    const claim = await this.store.get(CONTRACTS_TABLE, PARTITION, referenceClaim(reference));
    if (typeof claim?.contractId !== "string" || (await this.get(claim.contractId))) return false;
    try {
      await this.store.delete(CONTRACTS_TABLE, PARTITION, claim.rowKey, claim.etag);
    } catch (error) {
      // Freed or taken again meanwhile: the create that follows finds out which.
      if (!isStorageError(error, "precondition-failed") && !isStorageError(error, "not-found")) throw error;
    }
    return true;
  }

  /** The id of the contract holding a reference (one point read), if any. */
  async referenceHolder(reference: string): Promise<string | undefined> {
    const claim = await this.store.get(CONTRACTS_TABLE, PARTITION, referenceClaim(reference));
    return typeof claim?.contractId === "string" ? claim.contractId : undefined;
  }

  async get(id: string): Promise<Versioned<ContractRecord> | undefined> {
    const entity = await this.store.get(CONTRACTS_TABLE, PARTITION, `${ROW}${id}`);
    return entity ? fromEntity(entity) : undefined;
  }

  async list(filter: ContractFilter, limit: number, cursor?: string): Promise<Page<Versioned<ContractRecord>>> {
    const clauses = [odata`PartitionKey eq ${PARTITION} and RowKey ge ${ROW} and RowKey lt ${"c;"}`];
    if (filter.supplierId) clauses.push(odata`supplierId eq ${filter.supplierId}`);
    if (filter.managerId) clauses.push(odata`managerId eq ${filter.managerId}`);
    if (filter.category) clauses.push(odata`category eq ${filter.category}`);
    if (filter.status === "not started") clauses.push(odata`startDate gt ${filter.today}`);
    if (filter.status === "active") clauses.push(odata`startDate le ${filter.today} and endDate ge ${filter.today}`);
    if (filter.status === "ended") clauses.push(odata`endDate lt ${filter.today}`);
    const page = await this.store.page(CONTRACTS_TABLE, clauses.join(" and "), limit, cursor);
    return mapPage(page, fromEntity);
  }

  /**
   * Applies a change to the contract as the caller read it, if `etag` is still its ETag;
   * otherwise precondition-failed and nothing changes. The ETag is checked again by storage in
   * the write, so a change made after `current` was read (an award's claim, say) fails it.
   */
  async update(current: Versioned<ContractRecord>, patch: ContractPatch, etag: string): Promise<Versioned<ContractRecord>> {
    if (current.etag !== etag) throw new StorageError("precondition-failed", "The contract has changed since it was read.");
    const { etag: _previous, ...record } = current;
    const next: ContractRecord = { ...record, ...patch, updatedAt: this.now().toISOString() };
    const operations: BatchOperation[] = [{ kind: "update", entity: toEntity(next), etag }];
    const referenceChanged = referenceClaim(next.reference) !== referenceClaim(current.reference);
    if (referenceChanged) {
      operations.push({ kind: "delete", partitionKey: PARTITION, rowKey: referenceClaim(current.reference) });
      operations.push({ kind: "create", entity: { partitionKey: PARTITION, rowKey: referenceClaim(next.reference), contractId: current.id } });
    }
    try {
      const [newEtag] = await this.store.batch(CONTRACTS_TABLE, PARTITION, operations, `Contract ${current.reference}`);
      return { ...next, etag: newEtag ?? "" };
    } catch (error) {
      if (referenceChanged && isStorageError(error, "conflict")) throw duplicateReference(next.reference, error);
      throw error;
    }
  }

  /**
   * Marks the contract as held by an award's claim, if `check` accepts the contract as it is in
   * the row this write replaces (`known`, when the caller has just read it, or read again): the
   * replace carries that row's ETag, so a change made in between fails it, and the contract is
   * read and checked again. Answers check's refusal, or the contract as marked.
   */
  async markAwardClaim<R>(known: Versioned<ContractRecord> | undefined, contractId: string, claim: ContractAwardClaim, check: (contract: Versioned<ContractRecord> | undefined) => Promise<R | undefined>): Promise<{ refused: R } | { contract: Versioned<ContractRecord> }> {
    let row = known;
    return retryOnChange(`Contract ${known?.reference ?? contractId}`, async () => {
      const current = row ?? (await this.get(contractId));
      row = undefined;
      const refused = await check(current);
      if (refused !== undefined) return { refused };
      if (!current) throw new Error(`Bug: the award's check accepted contract ${contractId}, which is not in the register.`);
      if (current.awardClaim?.claimId === claim.claimId) return { contract: current };
      const { etag, ...record } = current;
      const next = { ...record, awardClaim: claim };
      return { contract: { ...next, etag: await this.store.replace(CONTRACTS_TABLE, toEntity(next), etag, `Contract ${current.reference}`) } };
    });
  }

  /**
   * Records on the contract the award it carries (the copy lists show), only while the contract is
   * held by that award's claim: a late repeat of an award withdrawn meanwhile writes nothing. The
   * award itself is elsewhere (awards.ts).
   */
  async setAward(contractId: string, claimId: string, award: ContractAwardRef): Promise<void> {
    await retryOnChange(`Contract ${contractId}`, async () => {
      const current = await this.get(contractId);
      if (!current || current.awardClaim?.claimId !== claimId || JSON.stringify(current.award) === JSON.stringify(award)) return;
      const { etag, ...record } = current;
      await this.store.replace(CONTRACTS_TABLE, toEntity({ ...record, award }), etag, `Contract ${current.reference}`);
    });
  }

  /**
   * Takes an award's claim and its award off the contract (a withdrawal, or a claim released), if
   * they are that claim's. An award made before claims were marked has no claim here: its copy is
   * cleared by its evaluation.
   */
  async clearAward(contractId: string, claim: { claimId: string; evaluationId: string }): Promise<void> {
    await retryOnChange(`Contract ${contractId}`, async () => {
      const current = await this.get(contractId);
      if (!current || !heldBy(current, claim)) return;
      const { etag, award: _award, awardClaim: _claim, ...record } = current;
      await this.store.replace(CONTRACTS_TABLE, toEntity(record), etag, `Contract ${current.reference}`);
    });
  }

  /**
   * Removes a contract that an award created and then did not make (a claim released, an award
   * refused after the contract was added), with its reference: only while the contract is still
   * held by that award's claim and carries no award, so one that another award has claimed since
   * stays. True when it was removed.
   */
  async removeUnawarded(contractId: string, claimId: string): Promise<boolean> {
    return retryOnChange(`Contract ${contractId}`, async () => {
      const current = await this.get(contractId);
      if (!current || current.award || current.awardClaim?.claimId !== claimId) return false;
      // The row first, under its ETag (a transaction's delete would not check it), then its
      // reference: a stop between leaves a reference naming no contract, which create frees.
      const claim = await this.store.get(CONTRACTS_TABLE, PARTITION, referenceClaim(current.reference));
      await this.store.delete(CONTRACTS_TABLE, PARTITION, `${ROW}${contractId}`, current.etag);
      // Only the claim as read, naming this contract: once the row is gone, a new contract may
      // take the reference (freeing the claim left), and its claim must stay.
      if (claim?.contractId === contractId) {
        try {
          await this.store.delete(CONTRACTS_TABLE, PARTITION, claim.rowKey, claim.etag);
        } catch (error) {
          if (!isStorageError(error, "precondition-failed")) throw error;
        }
      }
      return true;
    });
  }
}

/** The contract is held by this award's claim (or, made before claims were marked, carries its award). */
function heldBy(contract: ContractRecord, claim: { claimId: string; evaluationId: string }): boolean {
  return contract.awardClaim ? contract.awardClaim.claimId === claim.claimId : contract.award?.evaluationId === claim.evaluationId;
}
