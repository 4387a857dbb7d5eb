// The Teams bot's endpoint (POST /api/messages) and an admin's prompt pass (POST /api/admin/prompts/run).
import express, { Router } from "express";
import type { BotRuntime } from "@toms/bot";
import { requireRole } from "../auth/middleware.js";
import { Problem, sendProblem } from "../problems.js";

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

/** POST /api/admin/prompts/run: one prompt pass now, answered when its prompts are sent. */
export function promptAdminRoutes(bot: BotRuntime | undefined): Router {
  const router = Router();
  router.post("/prompts/run", requireRole("admin"), async (req, res) => {
    if (!bot) throw new Problem(503, "The bot is not set up", "This service has no Teams bot registration, so it cannot send prompts: set MicrosoftAppId and MicrosoftAppPassword (docs/bot.md).");
    res.json(await bot.runPass(false));
  });
  return router;
}
