// The one file that imports botbuilder (docs/bot.md): it turns the Bot Framework's TurnContext into
// the bot's own Turn, answers invokes, and sends proactive activities with the connector's own
// retries off so that the outbound queue alone decides on retries and keeps within Teams' limits.
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsInfo, TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { BotSeam, IncomingActivity, InvokeAnswer, OutgoingActivity, Turn } from "./seam.js";
import { SendFailure } from "./seam.js";

/** The bot's Entra app registration; none = anonymous (local development only: the service decides). */
export interface BotSeamOptions {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  /** "MultiTenant", "SingleTenant" or "UserAssignedMSI". */
  appType?: string;
}

/** A Bot Framework activity from the bot's own OutgoingActivity. */
export function toActivity(activity: OutgoingActivity): Partial<Activity> {
  if ("card" in activity) return { type: "message", summary: activity.summary, attachments: [CardFactory.adaptiveCard(activity.card)] };
  return { type: "message", text: activity.text, textFormat: activity.textFormat ?? "plain" };
}

/**
 * The bot's Turn over a botbuilder TurnContext: what the handler sees. Exported for tests, which
 * make the context with botbuilder's TestAdapter.
 *
 * @example
 * await new TestAdapter(async (context) => { await handler(turnFromContext(context)); }).send("help");
 */
export function turnFromContext(context: TurnContext): Turn {
  const activity = context.activity as unknown as IncomingActivity;
  return {
    activity,
    send: async (outgoing) => {
      await context.sendActivity(toActivity(outgoing));
    },
    reference: () => TurnContext.getConversationReference(context.activity) as unknown as Record<string, unknown>,
    senderEmail: async () => {
      try {
        const member = await TeamsInfo.getMember(context, context.activity.from.id);
        return member.email ?? member.userPrincipalName ?? undefined;
      } catch {
        // Not in Teams, or the channel would not say: matched by object id alone.
        return undefined;
      }
    },
  };
}

/**
 * Runs the handler on a turn and, for an invoke, sends its answer as the invoke response (the
 * HTTP body the channel receives). Exported for tests with the TestAdapter.
 */
export async function runTurn(context: TurnContext, onTurn: (turn: Turn) => Promise<InvokeAnswer | void>): Promise<void> {
  const answer = await onTurn(turnFromContext(context));
  if (context.activity.type === "invoke") {
    const body = answer ?? { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "" };
    await context.sendActivity({ type: "invokeResponse", value: { status: 200, body } });
  }
}

/** The status and Retry-After (seconds) of a connector error: 0 when the channel could not be reached. */
function failureOf(error: unknown): SendFailure {
  const e = error as { statusCode?: number; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };
  const status = typeof e?.statusCode === "number" ? e.statusCode : 0;
  const header = e?.response?.headers?.get?.("retry-after");
  const seconds = header !== undefined && header !== "" ? Number(header) : NaN;
  let retryAfter: number | undefined = Number.isFinite(seconds) ? seconds : undefined;
  if (retryAfter === undefined && header) {
    const at = Date.parse(header);
    if (Number.isFinite(at)) retryAfter = Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  const message = status === 0 ? `Teams could not be reached: ${e?.message ?? String(error)}` : `Teams answered ${status}: ${e?.message ?? ""}`.trim();
  return new SendFailure(message, status, retryAfter);
}

interface ConnectorLike {
  client?: { pipeline?: { removePolicy(options: { name: string }): unknown } };
  conversations: { sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }> };
}

/**
 * The Bot Framework behind the BotSeam: CloudAdapter with ConfigurationBotFrameworkAuthentication.
 *
 * @example
 * const seam = createBotSeam({ appId: process.env.MicrosoftAppId, appPassword: process.env.MicrosoftAppPassword });
 * app.post("/api/messages", express.json(), (req, res) => seam.process(req, res, handler));
 */
export function createBotSeam(options: BotSeamOptions = {}): BotSeam {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appPassword,
    MicrosoftAppTenantId: options.appTenantId,
    MicrosoftAppType: options.appType ?? (options.appId ? "MultiTenant" : undefined),
  });
  const adapter = new CloudAdapter(auth);
  return {
    process: async (request, response, onTurn) => {
      // The adapter wants Express-style request and response objects: the service passes its own.
      await adapter.process(request as never, response as never, (context) => runTurn(context, onTurn));
    },
    send: async (reference, activity) => {
      let sent: { activityId?: string } = {};
      try {
        await adapter.continueConversationAsync(options.appId ?? "", reference as unknown as ConversationReference, async (context) => {
          const connector = context.turnState.get(adapter.ConnectorClientKey) as ConnectorLike;
          connector.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
          const conversationId = (reference as { conversation?: { id?: string } }).conversation?.id ?? "";
          const answer = await connector.conversations.sendToConversation(conversationId, { ...toActivity(activity), conversation: { id: conversationId } as never });
          sent = { activityId: answer?.id };
        });
      } catch (error) {
        throw failureOf(error);
      }
      return sent;
    },
  };
}
