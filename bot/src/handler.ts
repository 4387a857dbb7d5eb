// The bot's logic for one turn: installs, chat commands and the cards' actions. No botbuilder
// here: it reads the seam's own types, and every rule is the domain's or a use case's.
import { identifyBotUser, kpiCard, listUpdates, promptsForUser, recordInstall, recordUpdate, removeInstall, reviewUpdate, type AppDeps, type BotUser } from "@toms/app";
import { DEFAULT_PROMPT_SETTINGS, chatCardKey, longDate, correctionKey, nearestCommand, openUpdateOf, periodLabel, plainText, readCardReview, readCardUpdate, type KpiUpdate, type Prompt, type PromptSettings } from "@toms/domain";
import { answeredElsewhereCard, kpiFacts, reviewedCard, reviewCard, submittedCard, updateCard, type Card } from "./cards/cards.js";
import type { IncomingActivity, InvokeAnswer, Turn } from "./seam.js";

/** Settings for the handler. */
export interface BotHandlerOptions {
  settings?: PromptSettings;
  /** The Entra tenants whose people the bot serves; empty: any (development). */
  tenants?: readonly string[];
}

/** Cards the update command sends at once: each waits for room in the chat's limits, within one turn. */
const UPDATE_CARDS_AT_ONCE = 6;

const CARD = "application/vnd.microsoft.card.adaptive";
const cardAnswer = (card: Card): InvokeAnswer => ({ statusCode: 200, type: CARD, value: card });
const textAnswer = (text: string): InvokeAnswer => ({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text });

/** The update card's inputs: an error about one of them is shown beside it. */
const CARD_INPUTS = new Set(["value", "note", "evidenceUrl"]);

const HELP = [
  "I ask you in chat for the KPI updates you owe and take them here. You can type:",
  "- **status**: what you owe now",
  "- **update**: a card for each update you owe",
  "- **contracts**: the contracts you report on or manage",
  "- **help**: this list",
].join("\n");

/** The person behind an activity, by tenant and Entra object id (checked to be there before use). */
function who(activity: IncomingActivity): { tenantId: string; userId: string; name?: string } {
  const tenantId = activity.channelData?.tenant?.id ?? activity.conversation.tenantId ?? "";
  return { tenantId, userId: activity.from.aadObjectId ?? "", name: activity.from.name };
}

/**
 * One item per KPI and period: a reminder asked for in the tab and the pass's own prompt of the same
 * update are one thing owed to the person reading the list.
 */
function oncePerItem(prompts: readonly Prompt[]): Prompt[] {
  const seen = new Set<string>();
  return prompts.filter((p) => {
    const item = `${p.kind === "review-request" ? "review" : p.kind === "assessment-due" ? "assessment" : "update"}|${p.contractId}|${p.kpiId ?? ""}|${p.period ?? ""}`;
    if (seen.has(item)) return false;
    seen.add(item);
    return true;
  });
}

function owedLine(prompt: Prompt): string {
  const what = prompt.kind === "review-request" ? "review the update" : prompt.kind === "assessment-due" ? "the annual assessment" : "the update";
  const period = prompt.period && prompt.kind !== "assessment-due" ? ` for ${periodLabel(prompt.period)}` : "";
  const due = prompt.due ? `, due ${longDate(prompt.due)}` : "";
  // The list is sent as markdown: names people typed go through plainText.
  return `- ${plainText(`${prompt.contractReference} ${prompt.kpiTitle ?? ""}`.replace(/ +/g, " ").trim())}: ${what}${period}${due}`;
}

const data = (activity: IncomingActivity): { verb: string; data: Record<string, unknown> } => {
  const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  return { verb: typeof action?.verb === "string" ? action.verb : "", data: (action?.data && typeof action.data === "object" ? action.data : {}) as Record<string, unknown> };
};
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * The bot's turn handler: give it to BotSeam.process.
 *
 * @example
 * const onTurn = createBotHandler(deps);
 * app.post("/api/messages", express.json(), (req, res) => seam.process(req, res, onTurn));
 */
export function createBotHandler(deps: AppDeps, options: BotHandlerOptions = {}): (turn: Turn) => Promise<InvokeAnswer | void> {
  const settings = options.settings ?? DEFAULT_PROMPT_SETTINGS;

  async function greet(turn: Turn, user: BotUser, name?: string): Promise<void> {
    if (user.as === "unknown") {
      await turn.send({ type: "message", text: `Hello${name ? ` ${name}` : ""}. I do not know you yet as a supplier's contact or a contract manager. Ask ${deps.council.email} to add you, then write "status" to me.` });
      return;
    }
    const owed = oncePerItem(await promptsForUser(deps, user.principal, settings));
    const list = owed.length === 0 ? "You owe nothing just now." : `You owe:\n${owed.map(owedLine).join("\n")}\n\nWrite "update" for the cards.`;
    await turn.send({ type: "message", text: `Hello ${plainText(user.principal.name)}. I will ask you here for the updates you owe. ${list}`, textFormat: "markdown" });
  }

  /**
   * Keeps the person's chat, matched to who they are: by object id, else (asking the channel for
   * their address) by e-mail.
   */
  async function keep(turn: Turn): Promise<{ user: BotUser; firstTime: boolean }> {
    const person = who(turn.activity);
    const kept = await recordInstall(deps, { ...person, reference: turn.reference() });
    // Stored now for the first time (not kept from before): the install to greet.
    const firstTime = kept.conversation.installedAt === kept.conversation.updatedAt;
    if (kept.user.as !== "unknown") return { user: kept.user, firstTime };
    const email = await turn.senderEmail();
    return { user: email ? (await recordInstall(deps, { ...person, email, reference: turn.reference() })).user : kept.user, firstTime };
  }

  /** Keeps the person's chat and greets them, once: clients send installationUpdate, conversationUpdate, or both. */
  async function install(turn: Turn): Promise<void> {
    const { user, firstTime } = await keep(turn);
    if (firstTime) await greet(turn, user, who(turn.activity).name);
  }

  async function command(turn: Turn, user: BotUser): Promise<void> {
    const typed = (turn.activity.text ?? "").replace(/<at>.*?<\/at>/g, "").trim();
    const found = nearestCommand(typed);
    if (!found) return void (await turn.send({ type: "message", text: HELP, textFormat: "markdown" }));
    if (!found.exact) return void (await turn.send({ type: "message", text: `Did you mean ${found.command}? Write "help" for what I understand.` }));
    if (found.command === "help") return void (await turn.send({ type: "message", text: HELP, textFormat: "markdown" }));
    if (user.as === "unknown") return void (await turn.send({ type: "message", text: `I do not know you yet. Ask ${deps.council.email} to add you.` }));
    const owed = oncePerItem(await promptsForUser(deps, user.principal, settings));
    if (found.command === "status") {
      await turn.send({ type: "message", text: owed.length === 0 ? "You owe nothing just now." : `You owe:\n${owed.map(owedLine).join("\n")}`, textFormat: "markdown" });
    } else if (found.command === "contracts") {
      const seen = new Map(owed.map((p) => [p.contractId, `- ${plainText(`${p.contractReference} ${p.contractTitle}`)}`]));
      await turn.send({ type: "message", text: seen.size === 0 ? "No contract of yours owes anything just now. The TOMs tab lists all your contracts." : `Contracts that owe something:\n${[...seen.values()].join("\n")}`, textFormat: "markdown" });
    } else {
      const updates = owed.filter((p) => p.kpiId && p.period && p.kind !== "review-request" && p.kind !== "assessment-due");
      if (updates.length === 0) return void (await turn.send({ type: "message", text: "You owe no updates just now." }));
      for (const p of updates.slice(0, UPDATE_CARDS_AT_ONCE)) {
        // Typed "update" twice gives the same key: the same update, not two.
        const key = chatCardKey(p);
        await turn.send({ type: "message", card: updateCard({ contractReference: p.contractReference, contractTitle: p.contractTitle, kpiTitle: p.kpiTitle ?? "", contractId: p.contractId, kpiId: p.kpiId as string, period: p.period as string, periodLabel: periodLabel(p.period as string), due: p.due, ...(p.kpi ? kpiFacts(p.kpi) : {}), key, refreshFor: [turn.activity.from.id] }) });
      }
      const more = updates.length - UPDATE_CARDS_AT_ONCE;
      if (more > 0) await turn.send({ type: "message", text: `${more} more ${more === 1 ? "update is" : "updates are"} owed. Send these, then write "update" again, or use the TOMs tab.` });
    }
  }

  async function action(turn: Turn): Promise<InvokeAnswer> {
    const { verb, data: d } = data(turn.activity);
    const person = who(turn.activity);
    const user = await identifyBotUser(deps, person);
    if (user.as === "unknown") return textAnswer(`I do not know you yet. Ask ${deps.council.email} to add you.`);
    const contractId = str(d["contractId"]);
    const kpiId = str(d["kpiId"]);
    const period = str(d["period"]);
    const shown = await kpiCard(deps, user.principal, contractId, kpiId, period);
    if (!shown.ok) return textAnswer(shown.message);
    const history = shown.value.updates;
    const facts = shown.value.kpi ? kpiFacts(shown.value.kpi) : {};
    const names = { contractReference: shown.value.contractReference, contractTitle: shown.value.contractTitle, kpiTitle: shown.value.kpiTitle };
    const refresh = { userIds: [turn.activity.from.id], contractId, kpiId, period, submissionKey: str(d["submissionKey"]), ...(str(d["dispatchId"]) ? { dispatchId: str(d["dispatchId"]) } : {}) };
    const card = (extra: Partial<Parameters<typeof updateCard>[0]>) => updateCard({ ...names, contractId, kpiId, period, periodLabel: periodLabel(period), ...facts, key: str(d["submissionKey"]), dispatchId: str(d["dispatchId"]) || undefined, refreshFor: [turn.activity.from.id], ...extra });

    if (verb === "submitUpdate" || verb === "refreshUpdate") {
      // What the card shows now: the period's open update (whoever sent it), else the inputs.
      const current = (updates: readonly KpiUpdate[]): InvokeAnswer => {
        const open = openUpdateOf(updates, period);
        if (!open) {
          // Every revision of the period was rejected: the correction needs a key of its own, the same
          // on every device that refreshes now (the card's key would answer the rejected update again).
          return cardAnswer(card({ key: correctionKey(str(d["submissionKey"]), updates, period) }));
        }
        const by = open.submittedByName ?? open.submittedBy;
        return cardAnswer(open.submittedBy === person.userId ? submittedCard({ ...names, value: open.value, periodLabel: periodLabel(period), by, at: open.submittedAt, status: open.status, refresh }) : answeredElsewhereCard({ ...names, value: open.value, periodLabel: periodLabel(period), by, at: open.submittedAt, refresh }));
      };
      if (verb === "refreshUpdate") return str(d["updateId"]) ? reviewAnswer(d, names, history) : current(history);
      // Every card the bot sends carries its key; one without is not the bot's, or from before keys.
      if (!str(d["submissionKey"])) return cardAnswer(card({ formError: "This card is out of date. Write \"update\" for a new one." }));
      const read = readCardUpdate(period, d);
      const values = { value: str(d["value"]) || (typeof d["value"] === "number" ? (d["value"] as number) : undefined), note: str(d["note"]), evidenceUrl: str(d["evidenceUrl"]) };
      if (!read.ok) return cardAnswer(card({ values, errors: read.errors }));
      const outcome = await recordUpdate(deps, user.principal, { contractId, kpiId, idempotencyKey: str(d["submissionKey"]), input: read.input });
      // The card was sent already (pressed again on another device, with other values), or someone
      // else's update waits for review: show that update rather than the refusal.
      if (!outcome.ok && (outcome.kind === "conflict" || outcome.errors?.some((e) => e.field === "Idempotency-Key"))) {
        const now = await listUpdates(deps, user.principal, contractId, kpiId);
        if (now.ok && openUpdateOf(now.value, period)) return current(now.value);
      }
      // An error about no input of the card (e.g. the period) goes above the inputs, not lost.
      if (!outcome.ok) return cardAnswer(outcome.errors?.length && outcome.errors.every((e) => CARD_INPUTS.has(e.field)) ? card({ values, errors: outcome.errors }) : card({ values, formError: outcome.message }));
      const u = outcome.value.update;
      return cardAnswer(submittedCard({ ...names, value: u.value, periodLabel: periodLabel(u.period), by: u.submittedByName ?? user.principal.name, at: u.submittedAt, status: u.status, refresh }));
    }
    if (verb === "approveUpdate" || verb === "rejectUpdate") {
      const updateId = str(d["updateId"]);
      const read = readCardReview(verb === "approveUpdate" ? "approve" : "reject", d);
      const base = reviewBase(d, names, history);
      if (!read.ok) return cardAnswer(reviewCard({ ...base, values: { reason: str(d["reason"]) }, errors: read.errors }));
      const outcome = await reviewUpdate(deps, user.principal, { contractId, kpiId, updateId, input: read.input });
      if (!outcome.ok && outcome.kind === "conflict") {
        // Reviewed already (pressed again, or on another device): show the review as recorded.
        const now = await listUpdates(deps, user.principal, contractId, kpiId);
        if (now.ok && now.value.find((u) => u.id === updateId)?.review) return reviewAnswer(d, names, now.value);
      }
      if (!outcome.ok) return cardAnswer(outcome.errors?.length ? reviewCard({ ...base, values: { reason: str(d["reason"]) }, errors: outcome.errors }) : reviewCard({ ...base, formError: outcome.message }));
      const review = outcome.value.review;
      return cardAnswer(reviewedCard({ ...names, periodLabel: periodLabel(outcome.value.period), decision: review?.decision ?? read.input.decision, by: review?.reviewedByName ?? user.principal.name, at: review?.reviewedAt ?? deps.now().toISOString(), reason: review?.reason }));
    }
    return textAnswer("That button is not one I know. Write \"help\" for what I can do.");
  }

  function reviewBase(d: Record<string, unknown>, names: { contractReference: string; contractTitle: string; kpiTitle: string }, updates: readonly KpiUpdate[]) {
    const u = updates.find((x) => x.id === str(d["updateId"]));
    return { ...names, contractId: str(d["contractId"]), kpiId: str(d["kpiId"]), updateId: str(d["updateId"]), periodLabel: u ? periodLabel(u.period) : "", value: u?.value, by: u ? (u.submittedByName ?? u.submittedBy) : undefined, at: u?.submittedAt, note: u?.note, evidenceUrl: u?.evidenceUrl, dispatchId: str(d["dispatchId"]) || undefined, refreshFor: undefined };
  }

  function reviewAnswer(d: Record<string, unknown>, names: { contractReference: string; contractTitle: string; kpiTitle: string }, updates: readonly KpiUpdate[]): InvokeAnswer {
    const u = updates.find((x) => x.id === str(d["updateId"]));
    if (u?.review) return cardAnswer(reviewedCard({ ...names, periodLabel: periodLabel(u.period), decision: u.review.decision, by: u.review.reviewedByName ?? u.review.reviewedBy, at: u.review.reviewedAt, reason: u.review.reason }));
    return cardAnswer(reviewCard(reviewBase(d, names, updates)));
  }

  const tenants = options.tenants ?? [];

  /** Why the bot will not act for this activity's sender, in their words; undefined when it will. */
  function refusal(a: IncomingActivity): string | undefined {
    // Only Teams vouches for the sender's Entra object id; another channel lets the client choose it.
    if (a.channelId !== "msteams" || !a.from.aadObjectId) return "I work in Microsoft Teams only, for people signed in to it.";
    if (tenants.length > 0 && !tenants.includes(who(a).tenantId)) return `I serve ${deps.council.name}'s Teams only. Ask ${deps.council.email} if you should be able to use me.`;
    return undefined;
  }

  return async (turn) => {
    const a = turn.activity;
    const refused = refusal(a);
    if (refused) {
      if (a.type === "message") await turn.send({ type: "message", text: refused });
      return a.type === "invoke" ? textAnswer(refused) : undefined;
    }
    // Prompts go to one person's own chat: in a team or a group chat, the bot only says so.
    if ((a.conversation.conversationType ?? "personal") !== "personal") {
      if (a.type === "message") await turn.send({ type: "message", text: "I ask for the updates you owe in a one-to-one chat: open a chat with me and write \"status\"." });
      return a.type === "invoke" ? textAnswer("Open a one-to-one chat with me to send updates.") : undefined;
    }
    if (a.type === "installationUpdate") {
      if (a.action === "remove" || a.action === "remove-upgrade") {
        const person = who(a);
        await removeInstall(deps, person.tenantId, person.userId);
        return;
      }
      return install(turn);
    }
    if (a.type === "conversationUpdate") {
      // Someone other than the bot joined the chat: the personal-chat install as older clients send it.
      if ((a.membersAdded ?? []).some((m) => m.id !== a.recipient?.id)) return install(turn);
      return;
    }
    if (a.type === "message") {
      // Writing to the bot also keeps their chat (prompts then reach them).
      const { user } = await keep(turn);
      return command(turn, user);
    }
    if (a.type === "invoke" && a.name === "adaptiveCard/action") return action(turn);
    return;
  };
}
