// The Teams bot's endpoint (POST /api/messages) and an admin's prompt pass (POST /api/admin/prompts/run).
import express, { Router } from "express";
import type { BotRuntime } from "@toms/bot";
import { recordMailBounce, type AppDeps, type MailBounce } from "@toms/app";
import { requireRole } from "../auth/middleware.js";
import { Problem, sendProblem, valueOf } from "../problems.js";

/**
 * POST /api/messages, mounted before the API's sign-in: the Bot Framework adapter authenticates
 * the channel's own token when the bot is registered. Without a bot (Entra sign-in and no
 * MicrosoftAppId) it says the bot is not set up.
 */
export function botMessagesRoute(bot: BotRuntime | undefined): Router {
  const router = Router();
  router.post("/api/messages", express.json({ limit: "1mb" }), async (req, res) => {
    if (!bot) {
      sendProblem(res, new Problem(503, "The bot is not set up", "This service has no Teams bot registration: set MicrosoftAppId and MicrosoftAppPassword (docs/bot.md)."), req.originalUrl);
      return;
    }
    // The adapter throws (a 500) on a body that is not an activity, before it checks who sent it.
    const body = req.body as { type?: unknown } | undefined;
    if (typeof body?.type !== "string") {
      sendProblem(res, new Problem(400, "Not an activity", "POST /api/messages takes a Bot Framework activity as JSON, with a type."), req.originalUrl);
      return;
    }
    await bot.process(req, res);
  });
  return router;
}

/** How long an admin's pass waits for its e-mails: at 30 a minute a portfolio's take many minutes, longer than a proxy keeps a request open. */
export const ADMIN_PASS_MAIL_WAIT_MS = 60_000;

/**
 * POST /api/admin/prompts/run: one prompt pass now, answered when its Teams prompts are sent and
 * its e-mails sent or, after ADMIN_PASS_MAIL_WAIT_MS, still going (`mailing`). It runs
 * with the Teams bot, or without it when e-mail prompts are on (then by e-mail only).
 */
export function promptAdminRoutes(bot: BotRuntime | undefined): Router {
  const router = Router();
  router.post("/prompts/run", requireRole("admin"), async (req, res) => {
    if (!bot) throw new Problem(503, "The bot is not set up", "This service has no Teams bot registration and no mail transport, so it cannot send prompts: set MicrosoftAppId and MicrosoftAppPassword (docs/bot.md), or TOMS_SMTP_URL or TOMS_MAIL_GRAPH_MAILBOX for e-mail prompts (docs/suppliers.md).");
    res.json(await bot.runPass(false, ADMIN_PASS_MAIL_WAIT_MS));
  });
  return router;
}

/** Reads a delivery status notification (@toms/mail's readBounce); undefined when it is not one. */
export type BounceReader = (raw: Buffer) => Promise<MailBounce | undefined>;

/** The media types a bounce is posted as: the returned message itself. */
export const BOUNCE_TYPES = ["message/rfc822", "text/plain"];

/**
 * POST /api/admin/mail/bounces: a prompt's e-mail came back undelivered. The body is the bounce as
 * the council's mailbox received it (message/rfc822 or text/plain, at most 1 MB); it is recorded on
 * the prompt's dispatch (recordMailBounce) and shown in the Overdue view.
 */
export function mailBounceRoutes(deps: AppDeps, readBounce: BounceReader | undefined): Router {
  const router = Router();
  router.post("/mail/bounces", requireRole("admin"), express.raw({ type: BOUNCE_TYPES, limit: "1mb" }), async (req, res) => {
    if (!readBounce) throw new Problem(503, "E-mail prompts are off", "This service sends no e-mail prompts, so it has no bounces to record: set TOMS_SMTP_URL or TOMS_MAIL_GRAPH_MAILBOX (docs/suppliers.md).");
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new Problem(415, "Send the bounce", "Send the returned message as the body, with Content-Type: message/rfc822 (or text/plain).");
    const bounce = await readBounce(req.body);
    if (!bounce) throw new Problem(422, "Not a bounce", "The message is not a delivery status notification (a multipart/report with a message/delivery-status part), so no bounce was recorded.");
    res.json(valueOf(await recordMailBounce(deps, bounce)));
  });
  return router;
}
