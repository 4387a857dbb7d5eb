// Supplier diversity under /api/diversity (docs/diversity.md, "Routes"): campaigns and their
// links, answers, the baseline and its publication, the engagement list and the audit. Each route
// parses, calls its use case and answers; the use cases check roles, scope and audit.
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import {
  auditLog,
  baselineOf,
  closeCampaign,
  engagementList,
  eraseAnswers,
  issueFormLinks,
  listCampaigns,
  openCampaign,
  ownAnswers,
  publishBaseline,
  readResponses,
  reminderList,
  runRetention,
  sendTeamsInvitations,
  submitResponse,
  type DiversityDeps,
} from "@toms/app/diversity";
import type { BotRuntime } from "@toms/bot";
import { ENGAGEMENT_CHARACTERISTICS, ENGAGEMENT_SIZES, hasRole } from "@toms/domain";
import { principalOf, requireRole } from "../auth/middleware.js";
import { Problem, valueOf } from "../problems.js";
import { parse } from "../validate.js";

// A key the client chose for one submission: printable, and short enough to keep.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

// Shapes only: the use cases check ranges, choices and the purpose, and name the field at fault.
const yearSchema = z.coerce.number({ error: "must be a year such as 2026" }).int("must be a year such as 2026");
const text = z.string().trim().max(500, "must be at most 500 characters");

const campaignInputSchema = z.object({ year: z.number({ error: "must be a year such as 2026" }), closesAt: z.string({ error: "must be the date and time the questionnaire closes, such as 2027-02-28T17:00:00Z" }) }).strict();
const yearBodySchema = z.object({ year: z.number({ error: "must be a year such as 2026" }) }).strict();
const yearQuerySchema = z.object({ year: yearSchema });
const linksQuerySchema = z.object({ only: z.enum(["all", "unanswered"], { error: "must be all or unanswered" }).default("all") });
const responsesQuerySchema = z.object({ purpose: text.default(""), year: yearSchema.optional(), supplierId: text.optional() });
const erasureQuerySchema = z.object({ supplierId: z.string({ error: "is required: name the supplier whose answers to delete" }).trim().min(1, "is required: name the supplier whose answers to delete").max(64), purpose: text.default("") });
const engagementQuerySchema = z.object({
  purpose: text.default(""),
  year: yearSchema.optional(),
  barrier: text.optional(),
  sector: text.optional(),
  size: z.enum(ENGAGEMENT_SIZES, { error: `must be one of ${ENGAGEMENT_SIZES.join(", ")}` }).optional(),
  characteristic: z.enum(ENGAGEMENT_CHARACTERISTICS, { error: `must be one of ${ENGAGEMENT_CHARACTERISTICS.join(", ")}` }).optional(),
  format: z.enum(["json", "csv"], { error: "must be json or csv" }).optional(),
});
const auditQuerySchema = z.object({ from: text.optional(), to: text.optional() });

function yearOf(req: Request): number {
  return parse(z.object({ year: yearSchema }), req.params, "The path").year;
}

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers["idempotency-key"];
  if (key === undefined) return undefined;
  if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)) throw new Problem(400, "The request is not valid", "The Idempotency-Key header must be 1 to 200 printable characters without spaces.", [{ field: "Idempotency-Key", message: "must be 1 to 200 printable characters without spaces" }], "urn:toms:problem:invalid-input");
  return key;
}

/** A CSV download: UTF-8 with a byte-order mark, so that Excel reads names with accents correctly. */
function sendCsv(res: Response, fileName: string, csv: string): void {
  res.set({ "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" }).type("text/csv; charset=utf-8").send(`\uFEFF${csv}`);
}

/** Identified answers are special category data: never kept by a browser or a proxy. */
function noStore(res: Response): Response {
  return res.set("cache-control", "no-store");
}

/** The diversity routes; `bot` sends the Teams invitations (absent: the bot is not set up). */
export function diversityApiRoutes(d: DiversityDeps, bot?: BotRuntime): Router {
  const router = Router();

  router.post("/campaigns", async (req, res) => {
    const input = parse(campaignInputSchema, req.body, "The campaign");
    const campaign = valueOf(await openCampaign(d, principalOf(req), input));
    res.status(201).location(`/api/diversity/campaigns/${campaign.year}`).json(campaign);
  });

  router.get("/campaigns", async (req, res) => {
    res.json({ items: valueOf(await listCampaigns(d, principalOf(req))) });
  });

  router.post("/campaigns/:year/close", async (req, res) => {
    res.json(valueOf(await closeCampaign(d, principalOf(req), { year: yearOf(req) })));
  });

  router.get("/campaigns/:year/links.csv", async (req, res) => {
    const year = yearOf(req);
    const { only } = parse(linksQuerySchema, req.query, "The links");
    const { csv } = valueOf(await issueFormLinks(d, principalOf(req), { year, only }));
    sendCsv(res, `diversity-links-${year}.csv`, csv);
  });

  router.post("/campaigns/:year/teams-invitations", async (req, res) => {
    const year = yearOf(req);
    if (!bot) throw new Problem(503, "The bot is not set up", "This service has no Teams bot registration, so it cannot send the questionnaire in Teams: send the links by e-mail (links.csv), or set MicrosoftAppId and MicrosoftAppPassword (docs/bot.md).");
    const messenger = { send: async (chat: Parameters<BotRuntime["message"]>[0], card: Record<string, unknown>, summary: string) => void (await bot.message(chat, { type: "message", card, summary })) };
    res.json(valueOf(await sendTeamsInvitations(d, principalOf(req), { year }, messenger)));
  });

  router.get("/campaigns/:year/reminders", async (req, res) => {
    res.json({ items: valueOf(await reminderList(d, principalOf(req), { year: yearOf(req) })) });
  });

  router.post("/responses", async (req, res) => {
    const submitted = valueOf(await submitResponse(d, { kind: "user", caller: principalOf(req) }, req.body, idempotencyKeyOf(req)));
    res.status(submitted.replayed ? 200 : 201).json(submitted);
  });

  router.get("/responses", async (req, res) => {
    const caller = principalOf(req);
    // A supplier's contact reads its own answers (the export); an EDI analyst reads identified answers, saying why.
    if (hasRole(caller, "supplier") && !hasRole(caller, "edi-analyst")) {
      noStore(res).json(valueOf(await ownAnswers(d, { kind: "user", caller })));
      return;
    }
    const query = parse(responsesQuerySchema, req.query, "The request");
    noStore(res).json({ items: valueOf(await readResponses(d, caller, query)) });
  });

  router.delete("/responses", async (req, res) => {
    const caller = principalOf(req);
    if (hasRole(caller, "supplier") && !hasRole(caller, "edi-analyst")) {
      res.json(valueOf(await eraseAnswers(d, { kind: "user", caller })));
      return;
    }
    const query = parse(erasureQuerySchema, req.query, "The erasure");
    res.json(valueOf(await eraseAnswers(d, { kind: "analyst", caller, supplierId: query.supplierId, purpose: query.purpose })));
  });

  router.get("/baseline", async (req, res) => {
    const { year } = parse(yearQuerySchema, req.query, "The baseline");
    res.json(valueOf(await baselineOf(d, principalOf(req), { year })));
  });

  router.post("/baseline/publish", async (req, res) => {
    const { year } = parse(yearBodySchema, req.body, "The publication");
    res.json(valueOf(await publishBaseline(d, principalOf(req), { year })));
  });

  router.get("/engagement", async (req, res) => {
    const { purpose, format: asked, ...filters } = parse(engagementQuerySchema, req.query, "The engagement list");
    const format = asked ?? (req.accepts(["application/json", "text/csv"]) === "text/csv" ? "csv" : "json");
    const list = valueOf(await engagementList(d, principalOf(req), { filters, purpose, format }));
    if (format === "csv") sendCsv(res, `diversity-engagement${filters.year ? `-${filters.year}` : ""}.csv`, list.csv ?? "");
    else noStore(res).json({ items: list.rows });
  });

  router.get("/audit", async (req, res) => {
    const query = parse(auditQuerySchema, req.query, "The audit");
    noStore(res).json({ items: valueOf(await auditLog(d, principalOf(req), query)) });
  });

  return router;
}

/** The scheduled retention job, on demand: POST /api/admin/diversity/retention/run (admin). */
export function diversityAdminRoutes(d: DiversityDeps): Router {
  const router = Router();
  router.post("/diversity/retention/run", requireRole("admin"), async (_req, res) => {
    res.json(valueOf(await runRetention(d)));
  });
  return router;
}
