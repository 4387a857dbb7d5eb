import { odata } from "@azure/data-tables";
import type { BotConversation } from "@toms/domain";
import { tableKey, type PlainEntity, type StoredEntity } from "./entity.js";
import type { TableStore } from "./store.js";
import { CONTACTS_TABLE } from "./suppliers.js";

/**
 * The bot's chats (docs/storage.md, "BotConversations"): one row per person and tenant,
 * PartitionKey tableKey(tenantId), RowKey tableKey(userId); the channel's conversation reference
 * is stored as JSON text. Written whole on every install or message (upsert): the latest
 * reference is the one a proactive message must use.
 */
export const BOT_CONVERSATIONS_TABLE = "BotConversations";

function toEntity(conversation: BotConversation): PlainEntity {
  return {
    partitionKey: tableKey(conversation.tenantId),
    rowKey: tableKey(conversation.userId),
    tenantId: conversation.tenantId,
    userId: conversation.userId,
    name: conversation.name,
    email: conversation.email,
    reference: JSON.stringify(conversation.reference),
    supplierId: conversation.supplierId,
    contactId: conversation.contactId,
    installedAt: conversation.installedAt,
    updatedAt: conversation.updatedAt,
  };
}

function fromEntity(entity: StoredEntity): BotConversation {
  const optional = (name: "name" | "email" | "supplierId" | "contactId") => (typeof entity[name] === "string" ? { [name]: entity[name] as string } : {});
  return {
    tenantId: String(entity.tenantId),
    userId: String(entity.userId),
    ...optional("name"),
    ...optional("email"),
    reference: JSON.parse(String(entity.reference)) as Record<string, unknown>,
    ...optional("supplierId"),
    ...optional("contactId"),
    installedAt: String(entity.installedAt),
    updatedAt: String(entity.updatedAt),
  };
}

export class BotConversationRepository {
  constructor(private readonly store: TableStore) {}

  /**
   * Stores the conversation, over any stored for the same person and tenant.
   *
   * @example
   * await conversations.save({ tenantId, userId: "aad-1", reference, installedAt: at, updatedAt: at });
   */
  async save(conversation: BotConversation): Promise<void> {
    await this.store.upsert(BOT_CONVERSATIONS_TABLE, toEntity(conversation));
  }

  /** The person's conversation in that tenant, if they installed the bot. */
  async get(tenantId: string, userId: string): Promise<BotConversation | undefined> {
    const entity = await this.store.get(BOT_CONVERSATIONS_TABLE, tableKey(tenantId), tableKey(userId));
    return entity ? fromEntity(entity) : undefined;
  }

  /** Forgets the person's conversation (they removed the bot); nothing stored is not an error. */
  async remove(tenantId: string, userId: string): Promise<void> {
    await this.store.delete(BOT_CONVERSATIONS_TABLE, tableKey(tenantId), tableKey(userId));
  }

  /**
   * The supplier contacts whose e-mail this is (the email claims of SupplierContacts, across
   * suppliers: one query), to match a chat user Teams gives an e-mail for. Belongs in
   * SupplierRepository; kept here until that file's owner moves it.
   */
  async contactsByEmail(email: string): Promise<{ supplierId: string; contactId: string }[]> {
    const rows = await this.store.all(CONTACTS_TABLE, odata`RowKey eq ${`email:${tableKey(email.trim().toLowerCase())}`}`);
    return rows.flatMap((row) => (typeof row.contactId === "string" ? [{ supplierId: row.partitionKey, contactId: row.contactId }] : []));
  }

  /** Whether the person has a chat with the bot in any tenant (one query by RowKey). */
  async hasChat(userId: string): Promise<boolean> {
    return (await this.store.page(BOT_CONVERSATIONS_TABLE, odata`RowKey eq ${tableKey(userId)}`, 1)).items.length > 0;
  }

  /** Every stored conversation, in every tenant (the pass reads them once; one row per person who installed the bot). */
  async all(tenantId?: string): Promise<BotConversation[]> {
    const filter = tenantId === undefined ? undefined : odata`PartitionKey eq ${tableKey(tenantId)}`;
    return (await this.store.all(BOT_CONVERSATIONS_TABLE, filter)).map(fromEntity);
  }
}
