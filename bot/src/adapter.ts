// The one file that imports botbuilder (docs/bot.md): it turns the Bot Framework's TurnContext into
// the bot's own Turn, answers invokes, and sends proactive activities with the connector's own
// retries off so that the outbound queue alone decides on retries and keeps within Teams' limits.
import { CardFactory, CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsInfo, TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { BotSeam, IncomingActivity, InvokeAnswer, OutgoingActivity, Turn } from "./seam.js";
import { SEND_OUTCOME_UNKNOWN, SendFailure } from "./seam.js";

/** The bot's Entra app registration; none = anonymous (local development only: the service decides). */
export interface BotSeamOptions {
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  /** "MultiTenant", "SingleTenant" or "UserAssignedMSI". */
  appType?: string;
  /** Told of an error in a turn (storage down, a bug): the person is told to try again later. */
  onTurnError?: (error: unknown) => void;
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

/** Errors raised before the request reached the channel: sending again cannot show it twice. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** How long a proactive send may take before its fate is called unknown. */
const SEND_TIMEOUT_MS = 30_000;

/**
 * The status and Retry-After (seconds) of a connector error. 0: the channel could not be reached
 * (the request never left). SEND_OUTCOME_UNKNOWN: no answer (a reset, a timeout), so it may have arrived.
 */
function failureOf(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = error as { statusCode?: number; code?: string; message?: string; cause?: { code?: string }; response?: { headers?: { get?(name: string): string | undefined } } };
  if (typeof e?.statusCode !== "number") {
    const code = e?.code ?? e?.cause?.code ?? "";
    if (NOT_SENT.has(code)) return new SendFailure(`Teams could not be reached: ${e?.message ?? String(error)}`, 0);
    return new SendFailure(`Teams did not answer: ${e?.message ?? String(error)}`, SEND_OUTCOME_UNKNOWN);
  }
  const status = e.statusCode;
  const header = e?.response?.headers?.get?.("retry-after");
  const seconds = header !== undefined && header !== "" ? Number(header) : NaN;
  let retryAfter: number | undefined = Number.isFinite(seconds) ? seconds : undefined;
  if (retryAfter === undefined && header) {
    const at = Date.parse(header);
    if (Number.isFinite(at)) retryAfter = Math.max(0, Math.ceil((at - Date.now()) / 1000));
  }
  return new SendFailure(`Teams answered ${status}: ${e?.message ?? ""}`.trim(), status, retryAfter);
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
  adapter.onTurnError = async (context, error) => {
    options.onTurnError?.(error);
    // An invoke's answer is its HTTP body, which the handler did not give: say it in the chat instead.
    await context.sendActivity({ type: "message", text: "Something went wrong on the council's side, and nothing was saved. Please try again in a few minutes." });
  };
  return {
    process: async (request, response, onTurn) => {
      // The adapter wants Express-style request and response objects: the service passes its own.
      await adapter.process(request as never, response as never, (context) => runTurn(context, onTurn));
    },
    send: async (reference, activity) => {
      let sent: { activityId?: string } = {};
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timedOut = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new SendFailure(`Teams did not answer within ${SEND_TIMEOUT_MS / 1000} seconds.`, SEND_OUTCOME_UNKNOWN)), SEND_TIMEOUT_MS);
        });
        // Caught inside: the adapter would hand an error of the callback to onTurnError (meant for
        // turns from the channel), which would say so in the chat and swallow it.
        let failed: { error: unknown } | undefined;
        const sending = adapter.continueConversationAsync(options.appId ?? "", reference as unknown as ConversationReference, async (context) => {
          try {
            const connector = context.turnState.get(adapter.ConnectorClientKey) as ConnectorLike;
            connector.client?.pipeline?.removePolicy({ name: "defaultRetryPolicy" });
            const conversationId = (reference as { conversation?: { id?: string } }).conversation?.id ?? "";
            const answer = await connector.conversations.sendToConversation(conversationId, { ...toActivity(activity), conversation: { id: conversationId } as never });
            sent = { activityId: answer?.id };
          } catch (error) {
            failed = { error };
          }
        });
        await Promise.race([sending, timedOut]);
        if (failed) throw failed.error;
      } catch (error) {
        throw failureOf(error);
      } finally {
        clearTimeout(timer);
      }
      return sent;
    },
  };
}
