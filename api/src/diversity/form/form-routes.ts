// The supplier's diversity form at /diversity/{token}: no sign-in and no Teams, the link is the key.
// Every route parses, calls the use case and answers with a page; every link that does not work
// reads the same, and an address that tries many such links is slowed down.
import { createHash } from "node:crypto";
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import { eraseAnswers, openForm, ownAnswers, saveDraft, submitResponse, type DiversityDeps, type FormView } from "@toms/app/diversity";
import type { Failure } from "@toms/app";
import { isStorageError } from "@toms/storage";
import { DISK_FULL_RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS } from "../../problems.js";
import { readFormBody, type FormFields } from "./form-body.js";
import { formErrors, type FormError } from "./form-errors.js";
import { FORM_HEADERS, sendFormPage } from "../../pages/form-frame.js";
import { renderFormPage, type FormCouncil } from "./form-page.js";
import { renderDraftSavedPage, renderErasedPage, renderFormOnlyPage, renderLinkNotValidPage, renderServiceProblemPage, renderThanksPage, renderTooLargePage, renderTooManyAttemptsPage } from "./notice-pages.js";

export interface DiversityFormOptions {
  /** Links that do not work allowed from one address in a window before it gets "too many attempts" (20 in 15 minutes). */
  attempts?: { limit: number; windowMs: number };
  /** Where a supplier writes about their data or for a new link: the council's email unless given. */
  contactEmail?: string;
}

/** 20 links that do not work per address in 15 minutes: a person mistyping is never stopped, a guesser is. */
export const FORM_ATTEMPTS = { limit: 20, windowMs: 15 * 60 * 1000 } as const;

/** A form holds at most about 5,000 characters of text; 64 kB is ample, and a body larger is refused unread. */
const BODY_LIMIT = "64kb";

/** The form's address relative to the page answered, so links work behind a proxy that serves the suite under a path:
 * "/diversity/T" leads to "./T", "/diversity/T/erase" (or "/diversity/T/") to "../T". */
export function formUrlOf(req: Request, token: string): string {
  const below = req.path.split("/").length - 3;
  return `${below <= 0 ? "./" : "../".repeat(below)}${encodeURIComponent(token)}`;
}

/** The same answers sent twice in a row (a double tap on "Send my answers") are stored once: the key is the answers' own hash. */
function sameAnswersKey(fields: FormFields): string {
  return `form:${createHash("sha256").update(JSON.stringify(fields)).digest("base64url")}`;
}

function tokenOf(req: Request): string {
  return req.params.token as string;
}

/**
 * The form's routes, to mount at the service's root: `app.use(diversityFormRoutes(d))`, before any
 * sign-in, since the link is the person's only key. Pages are server-rendered with no script and
 * their style inline (CSP default-src 'none'), and are never cached.
 */
export function diversityFormRoutes(d: DiversityDeps, options: DiversityFormOptions = {}): Router {
  const email = options.contactEmail ?? d.app.council.email;
  // Every page tells a supplier where to write; without an address the pages would be a dead end.
  if (!email) throw new Error("The diversity form needs an email address for suppliers to write to: set TOMS_COUNCIL_EMAIL, or pass contactEmail.");
  const council: FormCouncil = { name: d.app.council.name, email };
  const attempts = options.attempts ?? FORM_ATTEMPTS;
  const router = Router();
  const parse = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 500 });
  // Only the page's own form is read: any other body would read as an empty form, and an empty
  // draft would replace the one saved (415, nothing saved or sent).
  const urlencoded: RequestHandler = (req, res, next) => {
    if (!req.is("application/x-www-form-urlencoded")) return sendFormPage(res, 415, renderFormOnlyPage(council));
    parse(req, res, next);
  };

  // Only links that do not work count (every such answer is the 404 page): sending, saving and
  // correcting answers never use up an address's attempts.
  const limiter = rateLimit({
    windowMs: attempts.windowMs,
    limit: attempts.limit,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 404,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + attempts.windowMs) - Date.now()) / 1000));
      res.set("retry-after", String(seconds));
      sendFormPage(res, 429, renderTooManyAttemptsPage(council, seconds));
    },
  });

  const notValid = (res: Response) => sendFormPage(res, 404, renderLinkNotValidPage(council));

  // The form; `withStatus` adds the line on a draft or answers sent, which is left out when what is shown is what was just posted.
  const formPage = (req: Request, res: Response, status: number, view: FormView, entries: FormFields, errors: readonly FormError[] = [], withStatus = true) =>
    sendFormPage(
      res,
      status,
      renderFormPage({
        council,
        formUrl: formUrlOf(req, tokenOf(req)),
        year: view.year,
        supplierName: view.supplierName,
        closesAt: view.closesAt,
        questionnaire: view.questionnaire,
        entries,
        retentionYears: d.settings.retentionYears,
        errors,
        ...(withStatus && view.submittedAt ? { submittedAt: view.submittedAt } : {}),
        ...(withStatus && view.draftSavedAt ? { draftSavedAt: view.draftSavedAt } : {}),
      }),
    );

  // A refusal of what was posted: the form again with the person's entries, each fault named (422);
  // a link that stopped working meanwhile is the 404 page like any other.
  const refused = (req: Request, res: Response, view: FormView, fields: FormFields, failure: Failure) => {
    if (failure.kind === "not-found") return notValid(res);
    const errors = failure.errors?.length ? formErrors(view.questionnaire, fields, failure.errors) : [{ field: "", question: "Your answers", message: failure.message }];
    formPage(req, res, failure.kind === "stale" || failure.kind === "conflict" ? 409 : 422, view, fields, errors, false);
  };

  router.get("/diversity/:token", limiter, async (req, res) => {
    const opened = await openForm(d, tokenOf(req));
    if (!opened.ok) return notValid(res);
    formPage(req, res, 200, opened.value, opened.value.answers);
  });

  router.post("/diversity/:token", limiter, urlencoded, async (req, res) => {
    const token = tokenOf(req);
    const opened = await openForm(d, token);
    if (!opened.ok) return notValid(res);
    const view = opened.value;
    const { action, fields } = readFormBody(view.questionnaire, req.body);
    const after = { council, formUrl: formUrlOf(req, token), year: view.year, supplierName: view.supplierName, closesAt: view.closesAt };
    if (action === "draft") {
      const saved = await saveDraft(d, token, fields);
      if (!saved.ok) return refused(req, res, view, fields, saved);
      return sendFormPage(res, 200, renderDraftSavedPage(after));
    }
    const sent = await submitResponse(d, { kind: "token", token }, fields, sameAnswersKey(fields));
    if (!sent.ok) return refused(req, res, view, fields, sent);
    sendFormPage(res, 200, renderThanksPage(after));
  });

  router.get("/diversity/:token/answers.json", limiter, async (req, res) => {
    const exported = await ownAnswers(d, { kind: "token", token: tokenOf(req) });
    if (!exported.ok) return notValid(res);
    res.status(200).set(FORM_HEADERS).attachment("answers.json").type("application/json").send(`${JSON.stringify(exported.value, null, 2)}\n`);
  });

  router.post("/diversity/:token/erase", limiter, urlencoded, async (req, res) => {
    const token = tokenOf(req);
    const confirmed = (req.body as Record<string, unknown> | undefined)?.confirm === "yes";
    if (!confirmed) {
      const opened = await openForm(d, token);
      if (!opened.ok) return notValid(res);
      const error: FormError = { field: "confirm", question: "Delete my answers", message: "Tick “Yes, delete all our answers” to confirm, then press “Delete my answers”. Nothing has been deleted." };
      return formPage(req, res, 422, opened.value, opened.value.answers, [error]);
    }
    const erased = await eraseAnswers(d, { kind: "token", token });
    if (!erased.ok) return notValid(res);
    sendFormPage(res, 200, renderErasedPage(council));
  });

  // Any other address under /diversity (the folder alone, a page the form does not have, a method it
  // does not answer) is a link that does not work like any other: the same page and headers, counted
  // the same, and never the service's JSON 404, which would echo the address and so the link.
  router.use("/diversity", limiter, (_req, res) => notValid(res));

  // Failures answer with a page, not the API's JSON, and never echo the link: a body over the limit
  // is refused unread (413); anything else is logged with the link left out (500, 503 while
  // storage is unavailable, 507 while the server's disk is full).
  const failed: ErrorRequestHandler = (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const { type, status } = (error ?? {}) as { type?: string; status?: number };
    if (type === "entity.too.large" || type === "parameters.too.many") return sendFormPage(res, 413, renderTooLargePage(council));
    // Another body the parser refused (a charset it does not read, a request cut short): the client's fault, not logged.
    if (type !== undefined && status !== undefined && status >= 400 && status < 500) return sendFormPage(res, status, renderServiceProblemPage(council));
    (req as Request & { log?: { error(details: object, message: string): void } }).log?.error({ err: error, method: req.method, url: "/diversity/[link]" }, "diversity form request failed");
    // The supplier cannot free the server's disk or bring storage back: the same page, with the status and wait that say which.
    const [answer, retryAfter] = isStorageError(error, "disk-full") ? [507, DISK_FULL_RETRY_AFTER_SECONDS] : isStorageError(error, "unavailable") ? [503, RETRY_AFTER_SECONDS] : [500, undefined];
    if (retryAfter !== undefined) res.set("retry-after", String(retryAfter));
    sendFormPage(res, answer, renderServiceProblemPage(council));
  };
  router.use(failed);
  return router;
}

/** A request's address as the logs keep it: a form link is the supplier's only key to its answers, so it is never written down.
 * Express matches routes whatever their case, so "/DIVERSITY/{token}" opens the form too and is kept out the same way. */
export function withoutFormToken(url: string): string {
  return url.replace(/^\/diversity\/[^/?#]+/i, "/diversity/[link]");
}
