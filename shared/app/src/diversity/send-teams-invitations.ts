// An admin sends the year's questionnaire as a Teams card to each contact of an unanswered business who has a chat with the bot: once each.
import { diversityInvitationCard, hasRole, ukDate, type BotConversation, type Principal } from "@toms/domain";
import { isStorageError } from "@toms/storage";
import type { CampaignRecord, InvitationRecord, TeamsCardRecord, WithEtag } from "@toms/storage/diversity";
import { forbidden, notFound, succeeded, unprocessable, type Outcome } from "../outcome.js";
import { isClosed } from "./campaign-view.js";
import { actorOf, audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";
import { newFormLinks } from "./new-form-links.js";

/**
 * How a card reaches a chat: the bot's outbound send, within Teams' limits. It throws when the card
 * did not go. An error with a numeric `status` says how Teams answered: 429 or 5xx, busy for now
 * (the card is sent again on a later run); -1, no answer at all, so the card may have arrived and
 * is never sent again; 0, Teams could not be reached.
 */
export interface TeamsMessenger {
  send(conversation: BotConversation, card: Record<string, unknown>, summary: string): Promise<void>;
}

/** What a run did, counted per card (one per contact's chat) except `withoutTeams`. */
export interface TeamsInvitationsSent {
  /** Cards Teams took on this run. */
  sent: number;
  /**
   * Cards that did not go on this run. Those Teams refused or was too busy for are sent again on
   * the next run; those it did not answer may have arrived, and are not.
   */
  failed: number;
  /**
   * Cards not sent on this run because they went before, may have gone (Teams did not answer, or
   * the service stopped while sending), or a run beside this one is sending them.
   */
  alreadySent: number;
  /** Invited businesses that have not answered and have no contact with a Teams chat with the bot: they need the links by e-mail. */
  withoutTeams: number;
}

/** Teams' status when it did not answer: the card may have arrived (bot/src/seam.ts, SEND_OUTCOME_UNKNOWN). */
const OUTCOME_UNKNOWN = -1;
/** Cards in flight at once: the messenger keeps Teams' limits; this keeps storage's round trips overlapped, not flooded. */
const CARDS_AT_ONCE = 8;

const NOT_KNOWN = "Teams did not answer, so it is not known whether the card arrived. It is not sent again: ask them in Teams chat if in doubt.";

function statusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  return typeof status === "number" ? status : undefined;
}

/** Why a send failed, for the admin who reads the stored card; it is tried again on the next run. */
function failureWords(error: unknown, status: number | undefined): string {
  const again = "It is sent again on the next run.";
  if (status === 429) return `Teams asked the service to slow down (429). ${again}`;
  if (status !== undefined && status >= 500) return `Teams could not take the card just now (${status}). ${again}`;
  if (status === 0) return `Teams could not be reached. ${again}`;
  const said = error instanceof Error ? error.message : String(error);
  if (status !== undefined) return `Teams refused the card (${status}): the contact may have removed the app. ${said} ${again}`;
  return `The card could not be sent: ${said} ${again}`;
}

interface CardToSend {
  invitation: InvitationRecord;
  conversation: BotConversation;
  /** The card's stored row, when an earlier run failed to send it. */
  failed?: WithEtag<TeamsCardRecord>;
}

/**
 * Sends the year's questionnaire as a Teams card, for admins while the campaign is open: to every
 * stored bot chat of a contact of each invited business that has not answered. Each card carries a
 * new form link of its own. A card is claimed before it goes, so two runs at once send it once;
 * run again, it sends only the cards that failed. A card Teams did not answer is never sent again,
 * as it may have arrived. The audit line is written before any link is made.
 *
 * @example
 * const outcome = await sendTeamsInvitations(d, admin, { year: 2026 }, { send: (chat, card, summary) => bot.message(chat, { type: "message", card, summary }).then(() => undefined) });
 * if (outcome.ok) console.log(`${outcome.value.sent} sent, ${outcome.value.withoutTeams} to send by e-mail`);
 */
export async function sendTeamsInvitations(d: DiversityDeps, caller: Principal, request: { year: number }, messenger: TeamsMessenger): Promise<Outcome<TeamsInvitationsSent>> {
  if (!hasRole(caller, "admin")) return forbidden("Only procurement officers (admin) can send the diversity questionnaire in Teams.");
  const campaign = await d.diversity.campaigns.get(request.year);
  if (!campaign) return notFound(`The ${request.year} diversity campaign`);
  const now = d.app.now();
  if (isClosed(campaign, now)) return unprocessable([{ field: "year", message: `is a campaign that has closed, so its links would not work; open a new year's campaign instead` }], "The Teams invitations");

  const [invitations, conversations, cards] = await Promise.all([d.diversity.invitations.list(request.year), d.app.storage.conversations.all(), d.diversity.teamsCards.list(request.year)]);
  const unanswered = new Map(invitations.filter((i) => i.answeredAt === undefined).map((i) => [i.supplierId, i]));
  const stored = new Map(cards.map((card) => [`${card.supplierId}|${card.userId}`, card]));

  // One chat per contact: the card's key is the business and the person, whatever the tenant.
  const chats = new Map<string, { invitation: InvitationRecord; conversation: BotConversation }>();
  for (const conversation of conversations) {
    const invitation = conversation.supplierId === undefined ? undefined : unanswered.get(conversation.supplierId);
    if (!invitation) continue;
    const key = `${invitation.supplierId}|${conversation.userId}`;
    const seen = chats.get(key);
    if (!seen || seen.conversation.updatedAt < conversation.updatedAt) chats.set(key, { invitation, conversation });
  }
  const reached = new Set([...chats.values()].map((c) => c.invitation.supplierId));
  const result: TeamsInvitationsSent = { sent: 0, failed: 0, alreadySent: 0, withoutTeams: [...unanswered.keys()].filter((id) => !reached.has(id)).length };

  const toSend: CardToSend[] = [];
  for (const [key, chat] of chats) {
    const card = stored.get(key);
    if (!card) toSend.push(chat);
    else if (card.state === "failed") toSend.push({ ...chat, failed: card });
    else result.alreadySent++;
  }

  const at = now.toISOString();
  const supplierIds = toSend.map((c) => c.invitation.supplierId);
  // Written before any link is made: each link opens a business's answers.
  await audit(d, { ...actorOf(caller), action: "send-teams-cards", supplierIds, purpose: "Send the year's diversity questionnaire in Teams", year: request.year, detail: `Cards to send: ${toSend.length}; sent before: ${result.alreadySent}; businesses without a Teams chat: ${result.withoutTeams}` });
  // One link per card, made before the claims: a stop now leaves only unused links, no card claimed and unsent.
  const links = await newFormLinks(d, campaign, toSend.map((c) => c.invitation), at);

  const sentTo = new Set<string>();
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < toSend.length) {
      const index = next++;
      const card = toSend[index];
      const link = links[index]?.link;
      if (!card || !link) continue;
      try {
        const outcome = await sendOne(d, campaign, card, link, messenger);
        result[outcome]++;
        if (outcome === "sent") sentTo.add(card.invitation.supplierId);
      } catch (error) {
        // Storage failed around one card: the others go on, and the run fails once they are done.
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CARDS_AT_ONCE, toSend.length) }, worker));
  if (sentTo.size > 0) await d.diversity.invitations.markLinksIssued(request.year, [...sentTo], at);
  if (errors.length > 0) throw errors[0];
  return succeeded(result);
}

/** Claims one card (or takes a failed one back), sends it, and records how it went. */
async function sendOne(d: DiversityDeps, campaign: CampaignRecord, card: CardToSend, link: string, messenger: TeamsMessenger): Promise<keyof Omit<TeamsInvitationsSent, "withoutTeams">> {
  const { invitation, conversation } = card;
  const claimedAt = d.app.now().toISOString();
  let failed = card.failed;
  if (!failed) {
    const claim = await d.diversity.teamsCards.claim({ year: campaign.year, supplierId: invitation.supplierId, userId: conversation.userId, tenantId: conversation.tenantId, state: "claimed", claimedAt, attempts: 1 });
    if (claim.claimed) return deliver(d, campaign, card, link, messenger, claim.card);
    // Claimed by a run beside this one: sent, in flight, or failed there already.
    if (claim.card.state !== "failed") return "alreadySent";
    failed = claim.card;
  }
  const { etag, error: _error, ...record } = failed;
  const retry: TeamsCardRecord = { ...record, tenantId: conversation.tenantId, state: "claimed", claimedAt, attempts: record.attempts + 1 };
  try {
    const retryEtag = await d.diversity.teamsCards.replace(retry, etag);
    return deliver(d, campaign, card, link, messenger, { ...retry, etag: retryEtag });
  } catch (error) {
    // Another run took it back first: it sends it.
    if (isStorageError(error, "precondition-failed")) return "alreadySent";
    throw error;
  }
}

async function deliver(d: DiversityDeps, campaign: CampaignRecord, card: CardToSend, link: string, messenger: TeamsMessenger, claimed: WithEtag<TeamsCardRecord>): Promise<"sent" | "failed"> {
  const { etag, ...record } = claimed;
  const councilName = d.app.council.name;
  const body = diversityInvitationCard({ councilName, supplierName: card.invitation.supplierName, year: campaign.year, closesAt: ukDate(new Date(campaign.closesAt)), link });
  try {
    await messenger.send(card.conversation, body, `${councilName}: supplier diversity questionnaire ${campaign.year}`);
  } catch (error) {
    const status = statusOf(error);
    // No answer: it may have arrived, so it stays claimed, which no run takes back.
    const failure: TeamsCardRecord = status === OUTCOME_UNKNOWN ? { ...record, error: NOT_KNOWN } : { ...record, state: "failed", error: failureWords(error, status) };
    await d.diversity.teamsCards.replace(failure, etag);
    return "failed";
  }
  await d.diversity.teamsCards.replace({ ...record, state: "sent", sentAt: d.app.now().toISOString() }, etag);
  return "sent";
}
