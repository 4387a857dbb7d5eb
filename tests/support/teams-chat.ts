// A person chatting with the bot in Teams, as the channel would post their activities to the
// service's /api/messages (anonymous, as in development), with the tests' Bot Connector stand-in
// as the serviceUrl that the bot's replies and prompts go to.
import type { BotConnector, ReceivedActivity } from "./bot-connector.js";

export const TENANT_ID = "11111111-2222-4333-8444-555555555555";

/** A Teams user in a personal chat with the bot. */
export interface ChatPerson {
  aadObjectId: string;
  name: string;
  email?: string;
  /** The personal chat's conversation id. */
  conversationId: string;
}

/** A new person, with a fresh Entra object id and chat. */
export function chatPerson(name: string, email?: string): ChatPerson {
  const aadObjectId = crypto.randomUUID();
  return { aadObjectId, name, ...(email ? { email } : {}), conversationId: `a:chat-${aadObjectId}` };
}

/** Posts activities to a service's bot endpoint. */
export interface BotEndpoint {
  url: string;
}

let sequence = 0;

/** The activity Teams would post for `person`, with what is specific to its type. */
export function activityFrom(person: ChatPerson, connector: BotConnector, fields: Record<string, unknown>): Record<string, unknown> {
  sequence += 1;
  return {
    id: `incoming-${sequence}`,
    channelId: "msteams",
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: person.name },
    recipient: { id: "28:toms-bot", name: "TOMs" },
    conversation: { id: person.conversationId, conversationType: "personal", tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: "en-GB",
    ...fields,
  };
}

/** Posts one activity; resolves with the HTTP answer (an invoke's body is the card or message). */
export async function post(endpoint: BotEndpoint, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${endpoint.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** The person installs the app (Teams' installationUpdate); resolves with the bot's greeting. */
export async function install(endpoint: BotEndpoint, connector: BotConnector, person: ChatPerson): Promise<string> {
  // As in Teams, the address is not in the activity: the bot asks for the member.
  connector.addMember({ id: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: person.name, ...(person.email ? { email: person.email } : {}) });
  const before = connector.received().length;
  const answer = await post(endpoint, activityFrom(person, connector, { type: "installationUpdate", action: "add" }));
  if (answer.status >= 300) throw new Error(`The install was answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return textOf(await replyAfter(connector, person, before));
}

/** The person removes the app. */
export async function uninstall(endpoint: BotEndpoint, connector: BotConnector, person: ChatPerson): Promise<number> {
  return (await post(endpoint, activityFrom(person, connector, { type: "installationUpdate", action: "remove" }))).status;
}

/** The person writes `text`; resolves with every reply the bot sent to it. */
export async function say(endpoint: BotEndpoint, connector: BotConnector, person: ChatPerson, text: string): Promise<ReceivedActivity[]> {
  const before = connector.received().length;
  const activity = activityFrom(person, connector, { type: "message", text, textFormat: "plain" });
  const answer = await post(endpoint, activity);
  if (answer.status >= 300) throw new Error(`"${text}" was answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  // The adapter has sent its replies by the time it answers the post.
  return connector.received().slice(before).filter((r) => r.conversationId === person.conversationId && r.replyToId === activity["id"]);
}

async function replyAfter(connector: BotConnector, person: ChatPerson, before: number): Promise<ReceivedActivity> {
  const all = await connector.waitFor((received) => received.slice(before).some((r) => r.conversationId === person.conversationId));
  return all.slice(before).find((r) => r.conversationId === person.conversationId) as ReceivedActivity;
}

/** A message's text. */
export function textOf(received: ReceivedActivity): string {
  return typeof received.activity["text"] === "string" ? received.activity["text"] : "";
}

/** The Adaptive Card an activity carries. */
export function cardOf(received: ReceivedActivity): AdaptiveCard {
  const attachments = received.activity["attachments"] as { contentType: string; content: AdaptiveCard }[] | undefined;
  const card = attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive")?.content;
  if (!card) throw new Error(`The activity carries no Adaptive Card: ${JSON.stringify(received.activity).slice(0, 300)}`);
  return card;
}

/** An Adaptive Card as JSON. */
export interface AdaptiveCard {
  type: "AdaptiveCard";
  version: string;
  body?: unknown[];
  actions?: { type: string; verb?: string; title?: string; data?: Record<string, unknown> }[];
  refresh?: { action: { type: string; verb: string; data?: Record<string, unknown> }; userIds?: string[] };
}

/** Every TextBlock's text in a card, in order (what a person reads). */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const element = node as Record<string, unknown>;
    if ((element["type"] === "TextBlock" || element["type"] === "TextRun") && typeof element["text"] === "string") texts.push(element["text"]);
    if (element["type"] === "FactSet" && Array.isArray(element["facts"])) for (const f of element["facts"] as { title: string; value: string }[]) texts.push(`${f.title} ${f.value}`);
    for (const [key, value] of Object.entries(element)) if (key !== "refresh" && key !== "data") walk(value);
  };
  walk(card);
  return texts.join("\n");
}

/** The ids of a card's inputs. */
export function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const element = node as Record<string, unknown>;
    if (typeof element["type"] === "string" && element["type"].startsWith("Input.") && typeof element["id"] === "string") ids.push(element["id"]);
    for (const value of Object.values(element)) walk(value);
  };
  walk(card);
  return ids;
}

/**
 * The person presses a card's Action.Execute `verb` with these inputs (as Teams sends them: strings,
 * merged into the action's data); resolves with the invoke's answer: the card that replaces it, or a message.
 */
export async function press(endpoint: BotEndpoint, connector: BotConnector, person: ChatPerson, card: AdaptiveCard, verb: string, inputs: Record<string, string> = {}): Promise<{ status: number; card?: AdaptiveCard; message?: string }> {
  const action = verb === card.refresh?.action.verb ? card.refresh.action : card.actions?.find((a) => a.verb === verb);
  if (!action) throw new Error(`The card has no ${verb} action: it has ${(card.actions ?? []).map((a) => a.verb).join(", ")}.`);
  const answer = await post(endpoint, activityFrom(person, connector, { type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb, data: { ...action.data, ...inputs } }, trigger: verb === card.refresh?.action.verb ? "automatic" : "manual" } }));
  const body = answer.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  if (body?.type === "application/vnd.microsoft.card.adaptive") return { status: answer.status, card: body.value as AdaptiveCard };
  return { status: answer.status, ...(typeof body?.value === "string" ? { message: body.value } : {}) };
}
