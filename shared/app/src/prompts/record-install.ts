// A person installed the bot or wrote to it: keep their chat (to send prompts to), matched to who they are.
import type { BotConversation } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { identifyBotUser, type BotUser } from "./identify-bot-user.js";

export interface InstallRequest {
  tenantId: string;
  userId: string;
  name?: string;
  email?: string;
  /** The channel's conversation reference (opaque here). */
  reference: Record<string, unknown>;
}

/**
 * Stores the person's conversation with who they were matched to, keeping the day they first
 * installed; answers the conversation stored and the match (for the greeting).
 *
 * @example
 * const { user } = await recordInstall(deps, { tenantId, userId, name, reference: TurnContext.getConversationReference(activity) });
 */
export async function recordInstall(deps: AppDeps, request: InstallRequest): Promise<{ conversation: BotConversation; user: BotUser }> {
  const at = deps.now().toISOString();
  const [user, known] = await Promise.all([identifyBotUser(deps, request), deps.storage.conversations.get(request.tenantId, request.userId)]);
  const conversation: BotConversation = {
    tenantId: request.tenantId,
    userId: request.userId,
    ...(request.name ? { name: request.name } : known?.name ? { name: known.name } : {}),
    ...(request.email ? { email: request.email } : known?.email ? { email: known.email } : {}),
    reference: request.reference,
    ...(user.as === "supplier-contact" ? { supplierId: user.supplierId, contactId: user.contactId } : {}),
    installedAt: known?.installedAt ?? at,
    updatedAt: at,
  };
  await deps.storage.conversations.save(conversation);
  return { conversation, user };
}

/**
 * Forgets the person's conversation (they removed the bot): nothing more is sent to them.
 *
 * @example
 * await removeInstall(deps, tenantId, activity.from.aadObjectId);
 */
export async function removeInstall(deps: AppDeps, tenantId: string, userId: string): Promise<void> {
  await deps.storage.conversations.remove(tenantId, userId);
}
