import express, { type Express } from "express";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import type { AppDeps } from "@toms/app";
import type { DiversityDeps } from "@toms/app/diversity";
import type { BotRuntime } from "@toms/bot";
import type { DevMailbox } from "@toms/mail";
import type { Storage } from "@toms/storage";
import { authenticate, principalOf } from "./auth/middleware.js";
import type { Verifier } from "./auth/verify.js";
import { isLoopback, type Config } from "./config.js";
import { diversityAdminRoutes, diversityApiRoutes, diversityFormRoutes, withoutFormToken } from "./diversity/index.js";
import { devMailRoutes } from "./pages/dev-mail.js";
import { docsRoutes } from "./pages/docs.js";
import { updateLinkApiRoutes, updateLinkRoutes, withoutUpdateToken } from "./update/index.js";
import type { SendFreshLink } from "@toms/app";
import { homeRoutes } from "./pages/home.js";
import { requireDecodablePath } from "./decodable-path.js";
import { writeLimit } from "./rate-limit.js";
import { securityHeaders } from "./security-headers.js";
import { Problem, problemHandler, RETRY_AFTER_SECONDS, sendProblem } from "./problems.js";
import { authRoutes } from "./routes/auth.js";
import { botMessagesRoute, mailBounceRoutes, promptAdminRoutes, type BounceReader } from "./routes/bot.js";
import { catalogueRoutes } from "./routes/catalogue.js";
import { contractRoutes } from "./routes/contracts.js";
import { dashboardRoutes } from "./routes/dashboards.js";
import { deliveryRoutes } from "./routes/delivery.js";
import { kpiTemplateRoutes } from "./routes/kpi-templates.js";
import { evaluationRoutes } from "./routes/evaluations.js";
import { serviceAreaRoutes } from "./routes/service-areas.js";
import { supplierRoutes } from "./routes/suppliers.js";

export interface AppDependencies {
  config: Config;
  storage: Storage;
  verify: Verifier;
  log: Logger;
  /** The use cases, over `storage`. */
  deps: AppDeps;
  /** Supplier diversity's use cases, over its own tables (kept apart from `deps`). */
  diversity: DiversityDeps;
  /**
   * The bot: the prompt pass, and the Teams bot unless `bot.teams` is false (no registration, e-mail
   * prompts only). Absent when neither Teams nor e-mail prompts are set up.
   */
  bot?: BotRuntime;
  /** Mails a fresh update link (the mail seam); absent, a fresh link is asked for and none is sent. */
  sendFreshLink?: SendFreshLink;
  /** Reads a bounce (@toms/mail's readBounce); absent, POST /api/admin/mail/bounces answers 503. */
  readBounce?: BounceReader;
  /** The development mailbox, when it runs: its mail is shown at /dev/mail. */
  mailbox?: DevMailbox;
}

/** The built user interfaces the service hands out, by URL path. */
export const STATIC_UIS = {
  "/addin": fileURLToPath(new URL("../../excel-addin/dist/", import.meta.url)),
  "/tab": fileURLToPath(new URL("../../teams-app/dist/", import.meta.url)),
} as const;

/** A body that is not JSON would read as "every field is missing": say what is wrong instead,
 * before reading it (so a large one is not read at all). Paths listed take other types. */
function requireJsonBody(otherTypes: string[]): express.RequestHandler {
  return (req, res, next) => {
    const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody || req.is("application/json") || otherTypes.includes(req.path)) return next();
    sendProblem(res, new Problem(415, "Send JSON", "Send the request body as JSON, with Content-Type: application/json."), req.originalUrl);
  };
}

export function createApp({ config, storage, verify, log, deps, diversity, bot, sendFreshLink, readBounce, mailbox }: AppDependencies): Express {
  const app = express();
  app.disable("x-powered-by");
  // ETags on this API are storage ETags only (for If-Match), never Express's body hashes.
  app.set("etag", false);
  // Only the proxies the council names (TOMS_TRUST_PROXY, loopback by default) may say who the client is.
  app.set("trust proxy", config.trustProxy);
  app.use(securityHeaders({ publicUrl: config.publicUrl }));
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: withoutUpdateToken(withoutFormToken(req.url)) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
    }),
  );

  app.use(requireDecodablePath);

  app.get("/healthz", async (_req, res) => {
    try {
      await storage.store.ping();
      res.json({ status: "ok", storage: "ok" });
    } catch (error) {
      log.warn({ err: error }, "storage did not answer the health check");
      res.status(503).set("retry-after", String(RETRY_AFTER_SECONDS)).json({ status: "degraded", storage: "unavailable" });
    }
  });

  for (const [path, dir] of Object.entries(STATIC_UIS)) {
    // The tab's address is its folder (/tab/, as Teams opens it); the add-in names its page.
    const serve = express.static(dir, { index: path === "/tab" ? "index.html" : false, fallthrough: true });
    app.use(path, (req, res, next) => {
      if (existsSync(dir)) return serve(req, res, next);
      sendProblem(res, new Problem(404, "Not built", `This part of the suite has not been built on this server. Run npm start (which builds it) or npm run build.`), req.originalUrl);
    });
  }

  app.use("/docs", docsRoutes());
  app.use(homeRoutes(config));

  // Development sign-in trusts the local machine; a page elsewhere reaching it through a DNS name
  // that points at 127.0.0.1 (DNS rebinding) must not, so only loopback host names are served.
  if (config.signIn.mode === "development") {
    app.use((req, res, next) => {
      if (isLoopback(req.hostname)) return next();
      sendProblem(res, new Problem(421, "Wrong address", "In development this service answers only at localhost or 127.0.0.1."), req.originalUrl);
    });
  }

  app.use("/auth", authRoutes(config));
  if (mailbox) app.use(devMailRoutes(config, mailbox));
  // The diversity questionnaire's form: its link is the supplier's only key, so it is outside sign-in.
  app.use(diversityFormRoutes(diversity));
  // A supplier contact's signed update link: the link is their only key, so it is outside sign-in too.
  app.use(updateLinkRoutes(deps, { ...(sendFreshLink ? { sendFreshLink } : {}), log }));
  // The channel signs its own requests (the adapter checks them), so this is before the API's sign-in.
  // Without a Teams bot (e-mail prompts only) it says the bot is not set up, as with no bot at all.
  const teamsBot = bot?.teams ? bot : undefined;
  app.use(botMessagesRoute(teamsBot));

  const api = express.Router();
  api.use(authenticate(verify));
  api.use(writeLimit(config.writeLimitPerMinute));
  api.use(express.json({ limit: "1mb" }));
  api.use(requireJsonBody(["/catalogue", "/admin/mail/bounces"]));
  api.get("/me", (req, res) => {
    const principal = principalOf(req);
    res.json({ ...principal, signIn: config.signIn.mode, moneyLabel: config.moneyLabel });
  });
  api.use("/suppliers", supplierRoutes(deps, { sizeThresholds: config.sizeThresholds, localDistricts: config.localDistricts }));
  api.use("/contracts", contractRoutes(deps));
  api.use("/contracts", deliveryRoutes(deps, { sizeThresholds: config.sizeThresholds, localDistricts: config.localDistricts }));
  api.use("/contracts", updateLinkApiRoutes(deps));
  api.use("/kpi-templates", kpiTemplateRoutes(deps));
  api.use("/service-areas", serviceAreaRoutes(deps));
  api.use("/", dashboardRoutes(deps));
  api.use("/evaluations", evaluationRoutes(deps));
  api.use("/", catalogueRoutes(deps, config.defaultCatalogueVersion));
  api.use("/admin", promptAdminRoutes(bot));
  api.use("/admin", mailBounceRoutes(deps, readBounce));
  api.use("/diversity", diversityApiRoutes(diversity, teamsBot));
  api.use("/admin", diversityAdminRoutes(diversity));
  api.use((req, res) => sendProblem(res, new Problem(404, "Not found", `There is no ${req.method} ${req.originalUrl} in this API.`), req.originalUrl));
  app.use("/api", api);

  app.use((req, res) => sendProblem(res, new Problem(404, "Not found", `Nothing is served at ${req.path}.`), req.originalUrl));
  app.use(problemHandler(log));
  return app;
}
