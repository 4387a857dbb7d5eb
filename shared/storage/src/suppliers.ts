import { odata } from "@azure/data-tables";
import type { ContactInput, PromptChannel, SupplierContact, SupplierDraft, SupplierPatch, SupplierRecord } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import { StorageError, isStorageError } from "./errors.js";
import { mapPage, type Page, type TableStore } from "./store.js";

/**
 * Suppliers: one partition ("supplier") holds the register, read in one query per page.
 * Contacts live in their supplier's partition beside an email claim (RowKey "email:<email>"), both
 * written in one transaction so an email is linked to a supplier once. SupplierIdentities maps an
 * Entra object id to the supplier a signed-in contact acts for.
 */
export const SUPPLIERS_TABLE = "Suppliers";
export const CONTACTS_TABLE = "SupplierContacts";
export const IDENTITIES_TABLE = "SupplierIdentities";
const PARTITION = "supplier";

export type Versioned<T> = T & { etag: string };

function toEntity(record: SupplierRecord): PlainEntity {
  return {
    partitionKey: PARTITION,
    rowKey: record.id,
    name: record.name,
    postcode: record.postcode,
    employees: record.employees,
    turnover: record.turnover,
    balanceSheet: record.balanceSheet,
    companyNumber: record.companyNumber,
    vcse: record.vcse,
    email: record.email,
    address: record.address,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function fromEntity(entity: StoredEntity): Versioned<SupplierRecord> {
  const text = (name: string) => (typeof entity[name] === "string" ? { [name]: entity[name] as string } : {});
  // A supplier added at award has no figures until procurement completes them.
  const figure = (name: string) => (typeof entity[name] === "number" ? { [name]: entity[name] as number } : {});
  return {
    id: entity.rowKey,
    name: String(entity.name),
    ...text("postcode"),
    ...figure("employees"),
    ...figure("turnover"),
    ...figure("balanceSheet"),
    vcse: entity.vcse === true,
    ...text("companyNumber"),
    ...text("email"),
    ...text("address"),
    createdAt: String(entity.createdAt),
    updatedAt: String(entity.updatedAt),
    etag: entity.etag,
  };
}

function contactFromEntity(entity: StoredEntity): SupplierContact {
  return {
    id: entity.rowKey.slice("contact:".length),
    supplierId: entity.partitionKey,
    email: String(entity.email),
    name: String(entity.name),
    ...(typeof entity.aadObjectId === "string" ? { aadObjectId: entity.aadObjectId } : {}),
    ...(entity.channel === "teams" || entity.channel === "email" ? { channel: entity.channel as PromptChannel } : {}),
    createdAt: String(entity.createdAt),
  };
}

export class SupplierRepository {
  constructor(
    private readonly store: TableStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Adds a supplier; conflict when the id is taken. */
  async create(input: SupplierDraft, id: string = crypto.randomUUID()): Promise<Versioned<SupplierRecord>> {
    const at = this.now().toISOString();
    const record: SupplierRecord = { ...input, id, createdAt: at, updatedAt: at };
    const etag = await this.store.create(SUPPLIERS_TABLE, toEntity(record), `Supplier ${id}`);
    return { ...record, etag };
  }

  async get(id: string): Promise<Versioned<SupplierRecord> | undefined> {
    const entity = await this.store.get(SUPPLIERS_TABLE, PARTITION, id);
    return entity ? fromEntity(entity) : undefined;
  }

  async list(limit: number, cursor?: string): Promise<Page<Versioned<SupplierRecord>>> {
    const page = await this.store.page(SUPPLIERS_TABLE, odata`PartitionKey eq ${PARTITION}`, limit, cursor);
    return mapPage(page, fromEntity);
  }

  /** The whole register, page by page (for matching a name against every supplier). */
  async all(): Promise<Versioned<SupplierRecord>[]> {
    return (await this.store.all(SUPPLIERS_TABLE, odata`PartitionKey eq ${PARTITION}`)).map(fromEntity);
  }

  /** Applies a change to the supplier as the caller read it, if `etag` is still its ETag;
   * otherwise precondition-failed and nothing changes (storage checks the ETag in the write). */
  async update(current: Versioned<SupplierRecord>, patch: SupplierPatch, etag: string): Promise<Versioned<SupplierRecord>> {
    if (current.etag !== etag) throw new StorageError("precondition-failed", "The supplier has changed since it was read.");
    const { etag: _previous, ...record } = current;
    const next: SupplierRecord = { ...record, ...patch, updatedAt: this.now().toISOString() };
    const newEtag = await this.store.replace(SUPPLIERS_TABLE, toEntity(next), etag, `Supplier ${current.name}`);
    return { ...next, etag: newEtag };
  }

  /** True when no supplier is stored yet (one round trip: a page of one). */
  async isEmpty(): Promise<boolean> {
    return (await this.store.page(SUPPLIERS_TABLE, odata`PartitionKey eq ${PARTITION}`, 1)).items.length === 0;
  }

  async addContact(supplierId: string, input: ContactInput, id: string = crypto.randomUUID()): Promise<SupplierContact> {
    const contact: SupplierContact = { ...input, id, supplierId, createdAt: this.now().toISOString() };
    const rows = { contact: `contact:${id}`, email: `email:${tableKey(contact.email)}` };
    try {
      await this.store.batch(CONTACTS_TABLE, supplierId, [
        { kind: "create", entity: { partitionKey: supplierId, rowKey: rows.contact, email: contact.email, name: contact.name, aadObjectId: contact.aadObjectId, channel: contact.channel, createdAt: contact.createdAt } },
        { kind: "create", entity: { partitionKey: supplierId, rowKey: rows.email, contactId: id } },
      ], `A contact with email ${contact.email}`);
    } catch (error) {
      if (isStorageError(error, "conflict")) throw new StorageError("conflict", `${contact.email} is already a contact of this supplier.`, { cause: error });
      throw error;
    }
    if (contact.aadObjectId) {
      // The identity link gives access, so it is written last: if it fails, nobody gains access,
      // and the contact just written is taken back.
      try {
        await this.store.create(IDENTITIES_TABLE, { partitionKey: "aad", rowKey: contact.aadObjectId, supplierId, contactId: id }, "That Microsoft Entra user");
      } catch (error) {
        await this.store.batch(CONTACTS_TABLE, supplierId, [
          { kind: "delete", partitionKey: supplierId, rowKey: rows.contact },
          { kind: "delete", partitionKey: supplierId, rowKey: rows.email },
        ], "The contact");
        if (isStorageError(error, "conflict")) throw new StorageError("conflict", "That Microsoft Entra user is already linked to a supplier.", { cause: error });
        throw error;
      }
    }
    return contact;
  }

  async listContacts(supplierId: string): Promise<SupplierContact[]> {
    const entities = await this.store.all(CONTACTS_TABLE, odata`PartitionKey eq ${supplierId} and RowKey ge ${"contact:"} and RowKey lt ${"contact;"}`);
    return entities.map(contactFromEntity);
  }

  /** One contact of the supplier. */
  async getContact(supplierId: string, contactId: string): Promise<SupplierContact | undefined> {
    const row = await this.store.get(CONTACTS_TABLE, supplierId, `contact:${contactId}`);
    return row ? contactFromEntity(row) : undefined;
  }

  /**
   * Sets how prompts reach the contact (undefined: automatic), on the row as read, replaced under
   * its ETag: a change made meanwhile (a link to their Entra id) is kept, and the write is tried on
   * the row as it is then. Undefined when the contact is not there.
   */
  async setContactChannel(supplierId: string, contactId: string, channel: PromptChannel | undefined): Promise<SupplierContact | undefined> {
    for (let attempt = 0; ; attempt++) {
      const row = await this.store.get(CONTACTS_TABLE, supplierId, `contact:${contactId}`);
      if (!row) return undefined;
      const { etag, channel: _previous, ...entity } = row;
      const next = { ...entity, ...(channel ? { channel } : {}) };
      try {
        await this.store.replace(CONTACTS_TABLE, next, etag, `The contact ${String(row.email)}`);
        return contactFromEntity({ ...next, etag } as StoredEntity);
      } catch (error) {
        if (attempt < 3 && isStorageError(error, "precondition-failed")) continue;
        if (isStorageError(error, "not-found")) return undefined;
        throw error;
      }
    }
  }

  /**
   * Links a contact known only by e-mail to the Entra user Teams says has that address (the bot
   * matched them): the identity is claimed first (insert-if-absent), then the contact is changed
   * under its ETag. Answers false, changing nothing, when the contact already has another object
   * id or the user is already another contact's.
   */
  async linkContactIdentity(supplierId: string, contactId: string, aadObjectId: string): Promise<boolean> {
    const row = await this.store.get(CONTACTS_TABLE, supplierId, `contact:${contactId}`);
    if (!row) return false;
    if (typeof row.aadObjectId === "string") return row.aadObjectId === aadObjectId;
    const claim = await this.store.get(IDENTITIES_TABLE, "aad", aadObjectId);
    if (claim && (claim.supplierId !== supplierId || claim.contactId !== contactId)) return false;
    let claimed = false;
    if (!claim) {
      try {
        await this.store.create(IDENTITIES_TABLE, { partitionKey: "aad", rowKey: aadObjectId, supplierId, contactId }, "That Microsoft Entra user");
        claimed = true;
      } catch (error) {
        if (!isStorageError(error, "conflict")) throw error;
        // Claimed at the same moment (another instance linking the same person): theirs to finish.
        const other = await this.store.get(IDENTITIES_TABLE, "aad", aadObjectId);
        if (other?.supplierId !== supplierId || other?.contactId !== contactId) return false;
      }
    }
    const { etag, ...entity } = row;
    try {
      await this.store.replace(CONTACTS_TABLE, { ...entity, aadObjectId }, etag, `The contact ${String(row.email)}`);
    } catch (error) {
      // Changed meanwhile (linked to someone else, or removed): the claim made here is taken back,
      // so the identity gives no access without its contact.
      if (claimed) await this.store.delete(IDENTITIES_TABLE, "aad", aadObjectId);
      if (isStorageError(error, "precondition-failed") || isStorageError(error, "not-found")) return false;
      throw error;
    }
    return true;
  }

  /** The supplier a signed-in Entra user acts for, if they are a registered contact. */
  async supplierForIdentity(aadObjectId: string): Promise<string | undefined> {
    const claim = await this.store.get(IDENTITIES_TABLE, "aad", aadObjectId);
    return typeof claim?.supplierId === "string" ? claim.supplierId : undefined;
  }
}
