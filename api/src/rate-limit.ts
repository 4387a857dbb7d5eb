// Writes per signed-in user per minute, on this instance: enough for any person's real work (a
// supplier sending a year of monthly updates for ten KPIs at once is 120), not for a script that
// has taken someone's token and floods storage. Reads are not limited here.
import type { Request, RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { principalOf } from "./auth/middleware.js";
import { Problem, sendProblem } from "./problems.js";

const WINDOW_MS = 60_000;
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * At most `perMinute` writes (POST, PUT, PATCH, DELETE) per signed-in user in each minute; the
 * next gets 429 with Retry-After (seconds until the minute is over) and is not carried out. Goes
 * after authenticate(), before the body is read.
 */
export function writeLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    skip: (req) => READS.has(req.method),
    // The person, not the address: several people share a council's proxy address.
    keyGenerator: (req) => principalOf(req).userId,
    standardHeaders: false,
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + WINDOW_MS) - Date.now()) / 1000));
      sendProblem(
        res,
        new Problem(429, "Too many changes at once", `You have made more than ${perMinute} changes in a minute, so this one was not saved. Wait ${seconds} seconds and send it again; if a tool is sending changes for you, slow it down.`, undefined, "about:blank", { "retry-after": String(seconds) }),
        req.originalUrl,
      );
    },
  });
}
