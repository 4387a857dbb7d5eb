// A supplier contact's signed update link at /update/{token}: no sign-in, the link is the key.
// Every route parses, calls the use case and answers with a page; every link that does not work
// reads the same, and an address that tries many such links, or asks for many new links, is slowed down.
import { randomBytes } from "node:crypto";
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { openUpdateLink, requestFreshLink, submitLinkUpdates, type AppDeps, type Failure, type LinkEntry, type SendFreshLink, type UpdateLinkView } from "@toms/app";
import { isStorageError } from "@toms/storage";
import { sendFormPage } from "../pages/form-frame.js";
import { DISK_FULL_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS } from "../problems.js";
import { renderFreshLinkPage, renderLinkGonePage, renderProblemPage, renderSentPage, renderTooManyPage, renderUpdatePage, type ItemEntry, type LinkCouncil, type PageError } from "./update-pages.js";

export interface UpdateLinkRouteOptions {
  /** Links that do not work allowed from one address in a window (20 in 15 minutes, as the diversity form's). */
  attempts?: { limit: number; windowMs: number };
  /** New links asked for from one address in a window (5 an hour). */
  freshLinks?: { limit: number; windowMs: number };
  /** Where a supplier writes: the council's e-mail unless given. */
  contactEmail?: string;
  /** Sends a fresh link (the mail); without it no fresh link is asked for: the page offers none, and a request is told to write to the council. */
  sendFreshLink?: SendFreshLink;
  /** Where a failure or a fresh link's outcome is logged (never with the token). */
  log?: { info(details: object, message: string): void; error(details: object, message: string): void };
}

/** 20 links that do not work per address in 15 minutes: a person mistyping is never stopped, a guesser is. */
export const LINK_ATTEMPTS = { limit: 20, windowMs: 15 * 60 * 1000 } as const;
/** 5 requests for a new link per address an hour: enough for a person, too few to flood a mailbox. */
export const FRESH_LINK_REQUESTS = { limit: 5, windowMs: 60 * 60 * 1000 } as const;

/** At most 50 items, each five short fields: 64 kB is ample, and a larger body is refused unread. */
const BODY_LIMIT = "64kb";
const MAX_ITEMS = 50;

/** The page's address relative to the page answered: "/update/T" leads to "./T", "/update/T/fresh-link" to "../T". */
function linkUrlOf(req: Request, token: string): string {
  const below = req.path.split("/").length - 3;
  return `${below <= 0 ? "./" : "../".repeat(below)}${encodeURIComponent(token)}`;
}

const tokenOf = (req: Request) => req.params.token as string;
const text = (value: unknown): string => (typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "");

/** The posted items by index: the hidden KPI and period, and what was typed. Items left wholly blank are not sent. */
export function readLinkForm(body: unknown): { formKey: string; entries: LinkEntry[]; indexes: number[]; typed: Map<number, ItemEntry> } {
  const posted = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const at = (name: string) => (Object.prototype.hasOwnProperty.call(posted, name) ? text(posted[name]) : "");
  const entries: LinkEntry[] = [];
  const indexes: number[] = [];
  const typed = new Map<number, ItemEntry>();
  for (let index = 0; index < MAX_ITEMS; index++) {
    const kpiId = at(`item-${index}-kpiId`);
    if (!kpiId) continue;
    const entry: ItemEntry = { value: at(`item-${index}-value`), note: at(`item-${index}-note`), evidenceUrl: at(`item-${index}-evidenceUrl`) };
    typed.set(index, entry);
    if (!entry.value.trim() && !entry.note.trim() && !entry.evidenceUrl.trim()) continue;
    entries.push({ kpiId, period: at(`item-${index}-period`), value: entry.value, note: entry.note, evidenceUrl: entry.evidenceUrl });
    indexes.push(index);
  }
  return { formKey: at("formKey"), entries, indexes, typed };
}

const FIELD_LABELS: Record<string, string> = { value: "Value", note: "Note", evidenceUrl: "Link to evidence" };

/** The use case's faults (`entries.<n>.<field>`) as the page's fields. */
function pageErrors(failure: Failure, view: UpdateLinkView, indexes: readonly number[]): PageError[] {
  if (!failure.errors?.length) return [{ field: "", label: "Your updates", message: failure.message }];
  return failure.errors.map((e) => {
    const [, n, field] = /^entries\.(\d+)\.(\w+)$/.exec(e.field) ?? [];
    const index = n === undefined ? undefined : indexes[Number(n)];
    const item = index === undefined ? undefined : view.items[index];
    if (index === undefined || !item || !field || !FIELD_LABELS[field]) return { field: "", label: "Your updates", message: `${e.field} ${e.message}.` };
    const message = field === "value" ? (e.message === "is required" ? "Write the value as a number, such as 97.5." : "Write the value as a number, such as 97.5, with no units or commas.") : field === "evidenceUrl" ? "Write a web address starting https://, or leave it blank." : "Shorten the note to 2,000 characters or fewer.";
    return { field: `item-${index}-${field}`, label: `${FIELD_LABELS[field]} for ${item.title} (${item.periodLabel})`, message };
  });
}

function limiter(council: LinkCouncil, window: { limit: number; windowMs: number }, countOnly?: (res: Response) => boolean): RequestHandler {
  return rateLimit({
    windowMs: window.windowMs,
    limit: window.limit,
    ...(countOnly ? { skipSuccessfulRequests: true, requestWasSuccessful: (_req: Request, res: Response) => !countOnly(res) } : {}),
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + window.windowMs) - Date.now()) / 1000));
      res.set("retry-after", String(seconds));
      sendFormPage(res, 429, renderTooManyPage(council, seconds));
    },
  });
}

/**
 * The link's routes, to mount at the service's root before any sign-in: `GET /update/:token`,
 * `POST /update/:token` (the page's form), `POST /update/:token/fresh-link`, and the same 404 page
 * for anything else under /update. Server-rendered, no script, never cached, no referrer.
 */
export function updateLinkRoutes(deps: AppDeps, options: UpdateLinkRouteOptions = {}): Router {
  const email = options.contactEmail ?? deps.council.email;
  if (!email) throw new Error("Update links need an e-mail address for suppliers to write to: set TOMS_COUNCIL_EMAIL, or pass contactEmail.");
  const council: LinkCouncil = { name: deps.council.name, email };
  const router = Router();
  const attempts = limiter(council, options.attempts ?? LINK_ATTEMPTS, (res) => res.statusCode === 404);
  const fresh = limiter(council, options.freshLinks ?? FRESH_LINK_REQUESTS);
  const parse = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 6 * MAX_ITEMS + 10 });
  const urlencoded: RequestHandler = (req, res, next) => {
    if (!req.is("application/x-www-form-urlencoded")) return sendFormPage(res, 415, renderProblemPage(council, "Send your updates on the link's page", "This address takes only the page's own form. Open your link in a web browser, fill in the page there, and press “Send the updates”. Nothing was recorded."));
    parse(req, res, next);
  };
  // "Send me a new link" only when this service can e-mail one (the same for every token).
  const gone = (req: Request, res: Response) => sendFormPage(res, 404, renderLinkGonePage(council, req.params.token && options.sendFreshLink ? `${linkUrlOf(req, tokenOf(req))}/fresh-link` : undefined));
  const formKey = () => randomBytes(18).toString("base64url");
  const page = (req: Request, res: Response, status: number, view: UpdateLinkView, extra: { entries?: Map<number, ItemEntry>; errors?: PageError[] } = {}) =>
    sendFormPage(res, status, renderUpdatePage({ council, formUrl: linkUrlOf(req, tokenOf(req)), view, formKey: formKey(), ...extra }));

  router.get("/update/:token", attempts, async (req, res) => {
    const opened = await openUpdateLink(deps, tokenOf(req));
    if (!opened.ok) return gone(req, res);
    page(req, res, 200, opened.value);
  });

  // The link is checked before the body: a link that does not work reads the same whatever was sent.
  const knownLink: RequestHandler = async (req, res, next) => {
    const opened = await openUpdateLink(deps, tokenOf(req));
    if (!opened.ok) return gone(req, res);
    res.locals.view = opened.value;
    next();
  };

  router.post("/update/:token", attempts, knownLink, urlencoded, async (req, res) => {
    const token = tokenOf(req);
    const view = res.locals.view as UpdateLinkView;
    const form = readLinkForm(req.body);
    const sent = await submitLinkUpdates(deps, token, form.entries, form.formKey);
    if (!sent.ok) {
      if (sent.kind === "not-found") return gone(req, res);
      // The page drawn again as it stands now, with what was typed and each fault named.
      const now = await openUpdateLink(deps, token);
      if (!now.ok) return gone(req, res);
      return page(req, res, sent.kind === "conflict" || sent.kind === "stale" ? 409 : 422, now.value, { entries: form.typed, errors: pageErrors(sent, now.value, form.indexes) });
    }
    sendFormPage(res, 200, renderSentPage(council, view, sent.value.updates, linkUrlOf(req, token)));
  });

  router.post("/update/:token/fresh-link", fresh, async (req, res) => {
    const send = options.sendFreshLink;
    // Without mail nothing is looked up or marked: a link asked for now can still be renewed once
    // mail is on. The page reads the same for every token either way.
    if (!send) {
      options.log?.info({ mailed: false }, "a new update link was asked for, but this service sends no e-mail: none was sent");
      return sendFormPage(res, 200, renderFreshLinkPage(council, false));
    }
    // The answer never waits for the work, so how long it takes says nothing of the link.
    void requestFreshLink(deps, tokenOf(req), send)
      .then((outcome) => {
        if (outcome.sent || !("why" in outcome)) return options.log?.info({ ...outcome }, "a new update link was asked for");
        const undone = outcome.reason === "outcome-unknown" ? "it may have arrived, so it is not sent again" : outcome.askAgain ? "it can be asked for again" : `it cannot be asked for again: ${outcome.undo ?? "its renewal stands"}`;
        options.log?.error({ ...outcome }, `a new update link was asked for and not sent (${outcome.why}); ${undone}`);
      })
      .catch((error: unknown) => options.log?.error({ err: error }, "a new update link could not be sent"));
    sendFormPage(res, 200, renderFreshLinkPage(council, true));
  });

  // Anything else under /update reads as a link that does not work: the same page, counted the
  // same, never the API's JSON 404 (which would echo the address, and so the link).
  router.use("/update", attempts, (req, res) => sendFormPage(res, 404, renderLinkGonePage(council)));

  const failed: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    if (type === "entity.too.large" || type === "parameters.too.many") return sendFormPage(res, 413, renderProblemPage(council, "Your updates are too long to send", "What was sent is longer than the page takes. Go back, shorten your notes, and send them again."));
    if (type !== undefined && status !== undefined && status >= 400 && status < 500) return sendFormPage(res, status, renderProblemPage(council, "Sorry, there is a problem with the service", "Try again with the same link."));
    options.log?.error({ err: error, method: req.method, url: "/update/[link]" }, "update link request failed");
    const [answer, retryAfter] = isStorageError(error, "disk-full") ? [507, DISK_FULL_RETRY_AFTER_SECONDS] : isStorageError(error, "unavailable") ? [503, RETRY_AFTER_SECONDS] : [500, undefined];
    if (retryAfter !== undefined) res.set("retry-after", String(retryAfter));
    sendFormPage(res, answer, renderProblemPage(council, "Sorry, there is a problem with the service", "Your updates may not have been recorded. Try again in a few minutes with the same link."));
  };
  router.use(failed);
  return router;
}

/** A request's address as the logs keep it: an update link is the contact's only key, so it is never written down (whatever its case). */
export function withoutUpdateToken(url: string): string {
  return url.replace(/^\/update\/[^/?#]+/i, "/update/[link]");
}
