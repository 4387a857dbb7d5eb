// One pass of the bot's prompts (docs/bot.md): work out what every contract owes, claim each
// prompt once across instances, take over claims whose lease ran out, and hand them to the queue.
import { askedBeforeDue, channelOf, dispatchKey, legacyDispatchKey, isQuietTime, promptChannel, promptsOf, teamsUserOf, ukDate, type BotConversation, type ContractRecord, type DispatchRecord, type Prompt, type PromptSettings, type Principal, type ReminderRecord, type SupplierContact } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { stableId } from "../stable-id.js";
import { countsOf, scopedContracts } from "../delivery/scoped-contracts.js";
import { deliveryRecords } from "../delivery/delivery-records.js";
import type { PromptOutbox, PromptTarget } from "./prompt-outbox.js";

export interface PromptPassRequest {
  /** This service instance's id: the owner written on what it claims. */
  instance: string;
  settings: PromptSettings;
  /** How long a claim is this instance's before another may take it over. */
  leaseSeconds: number;
  /** A scheduled pass keeps quiet hours and weekends; an admin's pass sends now. */
  scheduled: boolean;
  outbox: PromptOutbox;
  /** E-mail prompts can be sent (the service has a mail transport): without it none is claimed. */
  mailOn?: boolean;
  /**
   * false: the service has no Teams bot (e-mail prompts only). No stored chat counts, so no prompt
   * is claimed for Teams (counted withoutConversation), and a Teams claim is not taken over.
   * Default true.
   */
  teamsOn?: boolean;
}

export interface PassSummary {
  /** Prompts owed now, to anyone (with or without a conversation). */
  due: number;
  /** Newly claimed by this pass. */
  claimed: number;
  /** Claims (claimed or retrying) whose lease had run out, taken over by this pass. */
  recovered: number;
  /** Attempts in flight whose lease ran out: their fate is unknown, so they are never sent again. */
  interrupted: number;
  /** Prompts for Teams whose recipient has no conversation with the bot yet (not claimed). */
  withoutConversation: number;
  /** Prompts for a contact who could only be reached by e-mail, while e-mail prompts are off (not claimed). */
  withoutChannel: number;
  /** A scheduled pass in quiet hours or at a weekend: nothing was claimed. */
  quiet: boolean;
}

/** The pass reads every contract, as a procurement officer would. */
const SYSTEM: Principal = { userId: "toms-bot", name: "TOMs bot", roles: ["admin"] };

const CONTRACTS_AT_ONCE = 8;

const INTERRUPTED = {
  teams: "The service stopped while sending this prompt, so it is not known whether it arrived. It is not sent again: ask them in Teams chat if in doubt.",
  email: "The service stopped while sending this e-mail, so it is not known whether it arrived. It is not sent again: write to them if in doubt.",
} as const;

/** Each recipient's conversation (the latest, where one person installed the bot in several tenants). */
function conversationsByUser(conversations: readonly BotConversation[]): Map<string, BotConversation> {
  const byUser = new Map<string, BotConversation>();
  for (const c of conversations) {
    const known = byUser.get(c.userId);
    if (!known || known.updatedAt < c.updatedAt) byUser.set(c.userId, c);
  }
  return byUser;
}

/** What a contract's prompts are worked out from, read only as far as they need. */
export async function contractPrompts(deps: AppDeps, contract: ContractRecord, digest: Parameters<typeof promptsOf>[1], owed: { what: string }[], context: { settings: PromptSettings; contacts: (supplierId: string) => Promise<SupplierContact[]>; reminders: readonly ReminderRecord[] }): Promise<Prompt[]> {
  const reminders = context.reminders.filter((r) => r.contractId === contract.id);
  const needsContacts = owed.length > 0 || reminders.length > 0 || askedBeforeDue(contract, digest, ukDate(deps.now()), deps.delivery.dueDays).length > 0;
  // The contract's partition once per contract that owes something: the cards show its KPIs' targets and last values.
  const [contacts, partition] = await Promise.all([needsContacts ? context.contacts(contract.supplierId) : Promise.resolve([]), needsContacts ? deps.storage.delivery.read(contract.id) : Promise.resolve(undefined)]);
  // As the tab reads them: an awarded commitment's KPI is worked out from the award until its manager changes it.
  const records = partition ? await deliveryRecords(deps, contract, partition) : undefined;
  return promptsOf(contract, digest, { today: ukDate(deps.now()), settings: context.settings, dueDays: deps.delivery.dueDays, contacts, reminders, ...(records ? { partition: { kpis: records.kpis, updates: records.updates, reviews: records.reviews } } : {}) });
}

/** A cache of each supplier's contacts, read once per pass. */
export function contactsReader(deps: AppDeps): (supplierId: string) => Promise<SupplierContact[]> {
  const read = new Map<string, Promise<SupplierContact[]>>();
  return (supplierId) => {
    let contacts = read.get(supplierId);
    if (!contacts) read.set(supplierId, (contacts = deps.storage.suppliers.listContacts(supplierId)));
    return contacts;
  };
}

/**
 * Runs one pass: every prompt owed now to someone the bot can reach (their Teams chat, or e-mail
 * when it is on, by promptChannel) is claimed once for that channel, whatever other instance runs a
 * pass at the same moment, and enqueued; a claim whose lease
 * ran out is taken over (claimed or retrying) or marked interrupted (sending). A scheduled pass in
 * quiet hours or at a weekend claims nothing. A requested reminder is marked sent once claimed.
 *
 * @example
 * const summary = await runPromptPass(deps, { instance: "web-1", settings: DEFAULT_PROMPT_SETTINGS, leaseSeconds: 120, scheduled: true, outbox: queue });
 * console.log(summary.claimed, summary.withoutConversation, summary.withoutChannel);
 */
export async function runPromptPass(deps: AppDeps, request: PromptPassRequest): Promise<PassSummary> {
  const summary: PassSummary = { due: 0, claimed: 0, recovered: 0, interrupted: 0, withoutConversation: 0, withoutChannel: 0, quiet: false };
  const mailOn = request.mailOn === true;
  const now = deps.now();
  if (request.scheduled && isQuietTime(now, request.settings)) return { ...summary, quiet: true };
  const contracts = (await scopedContracts(deps, SYSTEM)) ?? [];
  // Without a Teams bot its stored chats reach nobody: everyone is without a conversation.
  const teamsOn = request.teamsOn !== false;
  const [counts, conversations, reminders] = await Promise.all([countsOf(deps, contracts), teamsOn ? deps.storage.conversations.all() : Promise.resolve([]), deps.storage.reminders.unsent()]);
  const digests = new Map((await deps.storage.delivery.digests()).map((d) => [d.contractId, d]));
  const byUser = conversationsByUser(conversations);
  const contacts = contactsReader(deps);
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + request.leaseSeconds * 1000).toISOString();

  /** Where a stored dispatch goes when taken over: by the channel it was claimed for, never another. */
  const targetOf = (record: DispatchRecord): PromptTarget | undefined => {
    if (channelOf(record) === "email") return mailOn && record.address ? { channel: "email" } : undefined;
    const user = teamsUserOf(record.prompt.recipient);
    const conversation = user ? byUser.get(user) : undefined;
    return conversation ? { channel: "teams", conversation } : undefined;
  };

  const settle = async (prompt: Prompt, target: PromptTarget, existing: (DispatchRecord & { etag: string }) | undefined) => {
    const key = dispatchKey(prompt);
    let current = existing;
    if (!current) {
      // An e-mail's address is the contact's as claimed: a later change of address does not redirect it.
      const how = target.channel === "email" ? { channel: "email" as const, address: prompt.recipient.email as string } : { channel: "teams" as const };
      const claim = await deps.storage.dispatches.claim({ key, id: stableId(`toms-bot:dispatch:${key}`), prompt, state: "claimed", owner: request.instance, leaseUntil, claimedAt: nowIso, attempts: 0, ...how });
      if (claim.created) {
        summary.claimed++;
        request.outbox.enqueue(claim.record, target);
        if (prompt.reminderId) await markReminderSent(deps, reminders, prompt.reminderId, nowIso);
        return;
      }
      current = claim.existing;
    }
    if (prompt.reminderId) await markReminderSent(deps, reminders, prompt.reminderId, nowIso);
    if (current.leaseUntil > nowIso) return;
    try {
      if (current.state === "claimed" || current.state === "retrying") {
        // The key was claimed for one channel: it goes that way or waits, so a change of channel never sends it twice.
        const stored = targetOf(current);
        if (!stored) return;
        const { etag, ...record } = current;
        const taken: DispatchRecord = { ...record, owner: request.instance, leaseUntil };
        const newEtag = await deps.storage.dispatches.replace(taken, etag);
        summary.recovered++;
        request.outbox.enqueue({ ...taken, etag: newEtag }, stored);
      } else if (current.state === "sending") {
        const { etag, nextAttemptAt: _next, ...record } = current;
        await deps.storage.dispatches.replace({ ...record, state: "interrupted", error: INTERRUPTED[channelOf(current)], finishedAt: nowIso }, etag);
        summary.interrupted++;
      }
    } catch (error) {
      // Another instance changed it first (took it over, or its queue moved it on): theirs.
      if (!isStorageError(error, "precondition-failed")) throw error;
    }
  };

  const contractPass = async ({ contract, counts: today }: (typeof counts)[number]) => {
    const prompts = await contractPrompts(deps, contract, digests.get(contract.id), today.owed, { settings: request.settings, contacts, reminders });
    summary.due += prompts.length;
    const reachable = prompts.flatMap((prompt): { prompt: Prompt; target: PromptTarget }[] => {
      const user = teamsUserOf(prompt.recipient);
      const conversation = user ? byUser.get(user) : undefined;
      const channel = promptChannel(prompt.recipient, conversation !== undefined, mailOn);
      if (channel === "teams" && conversation) return [{ prompt, target: { channel: "teams", conversation } }];
      if (channel === "email") return [{ prompt, target: { channel: "email" } }];
      // E-mail would reach them, were it on; otherwise they wait for a Teams chat.
      const byMail = promptChannel(prompt.recipient, conversation !== undefined, true) === "email";
      if (byMail) summary.withoutChannel++;
      else summary.withoutConversation++;
      return [];
    });
    if (reachable.length === 0) return;
    // The contract's partition once, rather than an insert per prompt that mostly conflicts.
    const stored = new Map((await deps.storage.dispatches.ofContract(contract.id)).map((d) => [d.key, d]));
    // A prompt claimed under its older key (a contact named by Entra id, before issue 13) is that row: never asked twice.
    const existing = (prompt: Prompt) => stored.get(dispatchKey(prompt)) ?? stored.get(legacyDispatchKey(prompt) ?? "");
    await Promise.all(reachable.map(({ prompt, target }) => settle(prompt, target, existing(prompt))));
  };
  // A few contracts at a time: a portfolio's worth of round trips, without flooding storage.
  let next = 0;
  const worker = async () => {
    while (next < counts.length) {
      const item = counts[next++];
      if (item) await contractPass(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONTRACTS_AT_ONCE, counts.length) }, worker));
  return summary;
}

async function markReminderSent(deps: AppDeps, reminders: readonly ReminderRecord[], reminderId: string, at: string): Promise<void> {
  const reminder = reminders.find((r) => r.id === reminderId);
  if (reminder && !reminder.sentAt) await deps.storage.reminders.markSent(reminder, at);
}
