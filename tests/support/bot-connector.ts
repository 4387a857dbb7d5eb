// The tests' own stand-in of the Bot Connector service (what Teams' serviceUrl points at), on
// loopback: the bot's proactive sends (CloudAdapter.continueConversationAsync with this stand-in's
// URL as the reference's serviceUrl, anonymous auth) arrive here. It records every activity, can
// answer errors on cue, and keeps Teams' rate limits: it reports any accepted send that broke one,
// and with enforceLimits it answers 429 as Teams does instead of accepting it.
//
// Windows are sliding, by the time a request arrives, and count only accepted (2xx) sends: a
// throttled or failed send is not delivered, so it uses no room. Sends, replies and updates to one
// conversation share its windows (Teams counts each operation on its own, so this is the stricter).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One activity the stand-in received, answered or not. */
export interface ReceivedActivity {
  /** The conversation id from the path, decoded. */
  conversationId: string;
  /** For a reply (POST .../activities/{activityId}): the activity replied to. */
  replyToId?: string;
  /** For an update (PUT .../activities/{activityId}): the activity replaced. */
  updatedId?: string;
  /** Which of the Bot Connector's operations it was. */
  kind: "send" | "reply" | "update";
  /** The body as posted ({} when it was not a JSON object). */
  activity: Record<string, unknown>;
  /** When it arrived: Date.now(), ms. */
  at: number;
  /** The HTTP status the stand-in answered; 0 while it is held unanswered (see hold()). */
  status: number;
  /** The id the stand-in gave the activity (2xx only). */
  id?: string;
  /** The bot's dispatch id: from the card's refresh data, else channelData.dispatchId. */
  dispatchId?: string;
}

/** The running stand-in. */
export interface BotConnector {
  /** `http://127.0.0.1:<port>/`: the serviceUrl of the conversation references the bot sends with. */
  url: string;
  /** Every activity request, in order of arrival, including those answered with errors. */
  received(): ReceivedActivity[];
  /** Only those answered 2xx: what Teams would have shown. */
  delivered(): ReceivedActivity[];
  /**
   * Answers the next `count` activity requests with `status` (and a Retry-After header of
   * `retryAfterSeconds` when given), not delivering them.
   */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /**
   * From now on answers a share `fraction` (0..1) of activity requests with `status` and
   * Retry-After `retryAfterSeconds`, spread evenly (5%: one request in twenty); the seed shifts
   * which ones, and the same seed gives the same choices. A fraction of 0 stops it.
   */
  failFraction(fraction: number, status: number, retryAfterSeconds: number, seed?: number): void;
  /**
   * One plain-English line for every accepted send that broke a Teams limit (naming each limit it
   * broke), in order; empty when none.
   */
  limitsBroken(): string[];
  /**
   * While on, activity requests are recorded as they arrive and left unanswered (status 0), as if
   * Teams took them and the answer never came back: the sender cannot know whether they arrived.
   */
  hold(on: boolean): void;
  /** Makes a chat member known to Teams' member lookup, by their channel id (activity.from.id). */
  addMember(member: { id: string; aadObjectId?: string; name?: string; email?: string }): void;
  /**
   * Resolves with everything received once `predicate` holds for it; rejects after `timeoutMs`
   * (default 10 s) or when the stand-in closes first.
   */
  waitFor(predicate: (all: ReceivedActivity[]) => boolean, timeoutMs?: number): Promise<ReceivedActivity[]>;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** How the stand-in behaves. */
export interface BotConnectorOptions {
  /** Answer 429 with Retry-After: 1 to a send that would break a limit, as Teams does (default off). */
  enforceLimits?: boolean;
}

/** A Teams rate limit: at most `limit` sends within any `windowMs`. */
interface Limit {
  limit: number;
  windowMs: number;
  scope: "conversation" | "app";
}

/** Teams' limit on the sends of one app (per tenant): at most this many accepted within any second. */
export const APP_SENDS_PER_SECOND = 50;

/** Teams' limits for one bot (microsoft-365.md): per conversation, and per app per tenant. */
const LIMITS: readonly Limit[] = [
  { limit: 7, windowMs: 1_000, scope: "conversation" },
  { limit: 8, windowMs: 2_000, scope: "conversation" },
  { limit: 60, windowMs: 30_000, scope: "conversation" },
  { limit: 1_800, windowMs: 3_600_000, scope: "conversation" },
  { limit: APP_SENDS_PER_SECOND, windowMs: 1_000, scope: "app" },
];

/**
 * Whether the `n`th request (from 1) is among a share `fraction` of requests spread evenly, with
 * `seed` shifting which ones: exactly the share, the same ones for the same seed.
 */
function isSpreadFailure(n: number, fraction: number, seed: number): boolean {
  return Math.floor((n + seed) * fraction) > Math.floor((n + seed - 1) * fraction);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The path an object holds at `keys`, when every step is an object (or an array, by index). */
function dig(value: unknown, keys: (string | number)[]): unknown {
  let node = value;
  for (const key of keys) {
    if (typeof key === "number") node = Array.isArray(node) ? node[key] : undefined;
    else node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** The dispatch id the bot puts in a prompt's card (refresh data) or, failing that, in channelData. */
function dispatchIdOf(activity: Record<string, unknown>): string | undefined {
  const fromCard = dig(activity, ["attachments", 0, "content", "refresh", "action", "data", "dispatchId"]);
  if (typeof fromCard === "string") return fromCard;
  const fromChannel = dig(activity, ["channelData", "dispatchId"]);
  return typeof fromChannel === "string" ? fromChannel : undefined;
}

/** The route a request takes; undefined: not one the stand-in serves. */
type Route =
  | { kind: "create" }
  | { kind: "member"; memberId: string }
  | { kind: "send"; conversationId: string }
  | { kind: "reply" | "update"; conversationId: string; activityId: string };

function routeOf(method: string, pathname: string): Route | undefined {
  // The connector joins the serviceUrl's trailing slash to its path, so "//v3/..." arrives.
  const parts = pathname.split("/").filter((p) => p !== "");
  if (parts[0] !== "v3" || parts[1] !== "conversations") return undefined;
  if (parts.length === 2) return method === "POST" ? { kind: "create" } : undefined;
  if (parts[3] === "members" && parts.length === 5 && method === "GET") return { kind: "member", memberId: decodeURIComponent(parts[4] ?? "") };
  if (parts[3] !== "activities" || parts.length > 5) return undefined;
  const conversationId = decodeURIComponent(parts[2] ?? "");
  if (parts.length === 4) return method === "POST" ? { kind: "send", conversationId } : undefined;
  const activityId = decodeURIComponent(parts[4] ?? "");
  if (method === "POST") return { kind: "reply", conversationId, activityId };
  if (method === "PUT") return { kind: "update", conversationId, activityId };
  return undefined;
}

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

/** Answers as the Bot Connector does: JSON, errors as {error: {code, message}}. */
function answer(response: ServerResponse, status: number, body: unknown, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  response.writeHead(status, headers).end(JSON.stringify(body));
}

function errorBody(status: number, message: string): unknown {
  return { error: { code: status === 429 ? "TooManyRequests" : status === 404 ? "NotFound" : "ServiceError", message } };
}

/**
 * Starts the stand-in on 127.0.0.1 (a free port).
 *
 * @example
 * const connector = await startBotConnector({ enforceLimits: true });
 * const reference = { serviceUrl: connector.url, channelId: "msteams", conversation: { id: "a:1" }, bot: { id: "28:bot" } };
 * await seam.send(reference, { type: "message", text: "Hello" });
 * const [sent] = await connector.waitFor((all) => all.length === 1);
 * await connector.close();
 */
export async function startBotConnector(options: BotConnectorOptions = {}): Promise<BotConnector> {
  const all: ReceivedActivity[] = [];
  const broken: string[] = [];
  const waiters = new Set<{ check(): void; fail(error: Error): void }>();
  let nextId = 1;
  let failing: { count: number; status: number; retryAfterSeconds?: number } | undefined;
  let holding = false;
  const members = new Map<string, Record<string, unknown>>();
  let fraction: { share: number; status: number; retryAfterSeconds: number; seed: number; seen: number } | undefined;

  // Accepted sends' arrival times, oldest first: per conversation, and for the app as a whole.
  const acceptedAt = new Map<string, number[]>();
  const appAcceptedAt: number[] = [];

  /** The limits a send to `conversationId` at `at` would break, counted with the accepted ones. */
  const wouldBreak = (conversationId: string, at: number): string[] =>
    LIMITS.flatMap((l) => {
      const times = l.scope === "app" ? appAcceptedAt : (acceptedAt.get(conversationId) ?? []);
      let within = 1;
      for (let i = times.length - 1; i >= 0 && (times[i] ?? 0) > at - l.windowMs; i--) within += 1;
      if (within <= l.limit) return [];
      const where = l.scope === "app" ? "the app as a whole" : `conversation ${conversationId}`;
      return [`${within} sends to ${where} within ${l.windowMs / 1000} s (Teams allows ${l.limit})`];
    });

  /** Why a send is refused before anything else is looked at: the faults the test asked for. */
  const injectedFault = (): { status: number; retryAfterSeconds?: number } | undefined => {
    if (failing && failing.count > 0) {
      failing.count -= 1;
      return { status: failing.status, retryAfterSeconds: failing.retryAfterSeconds };
    }
    if (fraction && isSpreadFailure(++fraction.seen, fraction.share, fraction.seed)) return { status: fraction.status, retryAfterSeconds: fraction.retryAfterSeconds };
    return undefined;
  };

  const record = (entry: ReceivedActivity): void => {
    all.push(entry);
    for (const waiter of [...waiters]) waiter.check();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let route: Route | undefined;
    try {
      route = routeOf(request.method ?? "", new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    } catch {
      // A malformed %-escape in the conversation id: not a path the connector would send.
      route = undefined;
    }
    if (!route) {
      request.resume();
      answer(response, 404, errorBody(404, `No such operation: ${request.method} ${request.url}`));
      return;
    }
    let body: unknown;
    try {
      body = await bodyOf(request);
    } catch {
      body = undefined;
    }
    // Taken once the whole request is in, so that the record's order is its arrival order and the
    // windows need only look back.
    const at = Date.now();
    if (route.kind === "member") {
      // Teams' member lookup (TeamsInfo.getMember): what the bot learns of a sender beyond the activity.
      const member = members.get(route.memberId);
      if (member) answer(response, 200, member);
      else answer(response, 404, errorBody(404, `No member ${route.memberId} in this conversation.`));
      return;
    }
    if (route.kind === "create") {
      // Not an activity: a new conversation's id, so a bot that creates one can then send to it.
      answer(response, 201, { id: `a:conversation-${nextId++}` });
      return;
    }
    const activity = isObject(body) ? body : {};
    const entry: ReceivedActivity = {
      conversationId: route.conversationId,
      kind: route.kind,
      activity,
      at,
      status: 0,
      ...(route.kind === "reply" ? { replyToId: route.activityId } : {}),
      ...(route.kind === "update" ? { updatedId: route.activityId } : {}),
    };
    const dispatchId = dispatchIdOf(activity);
    if (dispatchId !== undefined) entry.dispatchId = dispatchId;

    if (!isObject(body)) {
      entry.status = 400;
      record(entry);
      answer(response, 400, errorBody(400, "The body is not a JSON activity."));
      return;
    }
    if (holding) {
      record(entry);
      return;
    }
    const fault = injectedFault();
    if (fault) {
      entry.status = fault.status;
      record(entry);
      answer(response, fault.status, errorBody(fault.status, `Failed on purpose with ${fault.status}.`), fault.retryAfterSeconds);
      return;
    }
    const breaches = wouldBreak(route.conversationId, at);
    if (breaches.length > 0 && options.enforceLimits) {
      entry.status = 429;
      record(entry);
      answer(response, 429, errorBody(429, "Too many requests: Teams' rate limit."), 1);
      return;
    }
    if (breaches.length > 0) broken.push(`Request ${all.length + 1} (${entry.kind}) at ${new Date(at).toISOString()}: ${breaches.join("; ")}.`);
    // An update keeps its activity's id, as in Teams; a send or reply gets a new one.
    entry.id = route.kind === "update" ? route.activityId : `activity-${nextId++}`;
    entry.status = route.kind === "update" ? 200 : 201;
    const times = acceptedAt.get(route.conversationId) ?? [];
    times.push(at);
    acceptedAt.set(route.conversationId, times);
    appAcceptedAt.push(at);
    record(entry);
    answer(response, entry.status, { id: entry.id });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) answer(response, 500, errorBody(500, String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    received: () => [...all],
    delivered: () => all.filter((r) => r.status >= 200 && r.status < 300),
    failNext: (count, status, retryAfterSeconds) => {
      failing = { count, status, retryAfterSeconds };
    },
    failFraction: (share, status, retryAfterSeconds, seed = 1) => {
      fraction = share > 0 ? { share, status, retryAfterSeconds, seed, seen: 0 } : undefined;
    },
    limitsBroken: () => [...broken],
    addMember: (member) => {
      members.set(member.id, { ...member, ...(member.email ? { userPrincipalName: member.email } : {}) });
    },
    hold: (on) => {
      holding = on;
    },
    waitFor: (predicate, timeoutMs = 10_000) =>
      new Promise<ReceivedActivity[]>((resolve, reject) => {
        const waiter = {
          check: () => {
            if (!predicate([...all])) return;
            done();
            resolve([...all]);
          },
          fail: (error: Error) => {
            done();
            reject(error);
          },
        };
        const timer = setTimeout(() => waiter.fail(new Error(`The Bot Connector stand-in did not receive what was awaited within ${timeoutMs} ms (${all.length} received).`)), timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        waiters.add(waiter);
        waiter.check();
      }),
    close: async () => {
      for (const waiter of [...waiters]) waiter.fail(new Error("The Bot Connector stand-in closed before receiving what was awaited."));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
