// What the bot needs to send prompts by e-mail (docs/suppliers.md): the transport and sender from
// config.mail, and each prompt's signed update link, issued just before each attempt.
import type { AppDeps, Outcome } from "@toms/app";
import { LinkRefused, type MailPromptOptions } from "@toms/bot";
import type { DispatchRecord } from "@toms/domain";
import type { MailAddress, MailTransport } from "@toms/mail";

/** issueUpdateLink's shape (B's use case in @toms/app), passed in so this file names no more of it than it uses. */
export type IssueLink = (deps: AppDeps, request: { contractId: string; contactId: string; dispatchId?: string; days?: number }) => Promise<Outcome<{ link: string; record: { expiresAt: string; address?: string } }>>;

export interface MailPromptSettings {
  transport: MailTransport;
  from: MailAddress;
  perMinute: number;
  /** How long a link works; absent, the days deps.updateLinks gives (TOMS_UPDATE_LINK_DAYS). */
  linkDays?: number;
  issue: IssueLink;
}

/**
 * The bot's mail options: each attempt issues the contact's link for the dispatch's contract. A
 * refusal (nothing owed any more, the contact gone) fails the dispatch without a mail; anything
 * else thrown (storage) is tried again by the queue.
 *
 * @example
 * startBot(deps, { ...options, mail: mailPromptOptions(deps, { transport, from: config.mail.from, perMinute: config.mail.perMinute, issue: issueUpdateLink }) });
 */
export function mailPromptOptions(deps: AppDeps, settings: MailPromptSettings): MailPromptOptions {
  return {
    transport: settings.transport,
    from: settings.from,
    perMinute: settings.perMinute,
    link: async (record: DispatchRecord) => {
      const contactId = record.prompt.recipient.contactId;
      if (!contactId) throw new LinkRefused("the prompt names no supplier contact.");
      const issued = await settings.issue(deps, { contractId: record.prompt.contractId, contactId, dispatchId: record.id, ...(settings.linkDays !== undefined ? { days: settings.linkDays } : {}) });
      if (!issued.ok) {
        if (issued.kind === "not-found" || issued.kind === "unprocessable" || issued.kind === "invalid" || issued.kind === "forbidden") throw new LinkRefused(issued.message);
        throw new Error(issued.message);
      }
      // A link works only for the address it was issued to: one changed since the claim would send a dead link.
      const address = issued.value.record.address;
      if (address && record.address && address.toLowerCase() !== record.address.toLowerCase()) throw new LinkRefused(`the contact's address changed to ${address} after this prompt was claimed; their next prompt goes there.`);
      return { link: issued.value.link, expiresAt: issued.value.record.expiresAt };
    },
  };
}
