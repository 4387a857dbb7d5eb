import { DEFAULT_CATALOGUE } from "@toms/domain";
import type { Logger } from "pino";
import { connectStorage, type Storage, type StorageConfig } from "@toms/storage";
import { createAppDeps, type AppDeps } from "@toms/app";
import { createDiversityDeps, runRetention, type DiversityDeps } from "@toms/app/diversity";
import { openDiversityStorage } from "@toms/storage/diversity";
import { issueUpdateLink } from "@toms/app";
import { freshLinkSender, startBot, type BotRuntime, type MailPromptOptions } from "@toms/bot";
import { readBounce, type DevMailbox } from "@toms/mail";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { createApp } from "./app.js";
import { mailPromptOptions } from "./mail-prompts.js";
import { openMail, type MailOptions, type OpenMail } from "./mail.js";
import { routeInventory, type RouteEntry } from "./route-inventory.js";
import { createVerifier } from "./auth/verify.js";
import type { Config } from "./config.js";
import { assertPortFree, listen } from "./listen.js";
import { seedDemo } from "./seed/demo.js";
import { seedDemoDiversity } from "./seed/demo-diversity.js";

export interface RunningService {
  url: string;
  storage: Storage;
  /** The routes the app answers (docs/authorisation.md is checked against them). */
  routes: RouteEntry[];
  /** The development mailbox, when the service runs one (config.mail.transport.mode "development"). */
  mailbox?: DevMailbox;
  close(): Promise<void>;
}

export function storageConfig(config: Config, log: Logger, role: StorageConfig["role"] = "tool"): StorageConfig {
  return {
    role,
    dataDir: config.dataDir,
    tablePrefix: config.tablePrefix,
    ...(config.connectionString ? { connectionString: config.connectionString } : {}),
    ...(config.accountUrl ? { accountUrl: config.accountUrl } : {}),
    log: { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  };
}

/** Opens storage, loads the demo portfolio into empty storage, and listens. A port that is taken
 * is refused (ListenError) before storage starts. */
export async function startService(config: Config, log: Logger, now: () => Date = () => new Date(), extras: { mail?: MailOptions } = {}): Promise<RunningService> {
  await assertPortFree(config.host, config.port);
  const storage = await connectStorage(storageConfig(config, log, "service"), now);
  log.info({ mode: storage.mode }, "storage ready");
  let bot: BotRuntime | undefined;
  let mail: OpenMail | undefined;
  try {
    // The council's own catalogue is part of the product, not demo data: publish it when missing.
    if (!(await storage.catalogues.get(DEFAULT_CATALOGUE.version))) {
      const published = await storage.catalogues.publish(DEFAULT_CATALOGUE, "toms");
      // Otherwise another service on the same storage has published it, or is publishing it, meanwhile.
      if (published.outcome === "published") log.info({ version: DEFAULT_CATALOGUE.version }, "published the council's default catalogue");
    }
    if (!(await storage.catalogues.get(config.defaultCatalogueVersion))) {
      log.warn(
        { version: config.defaultCatalogueVersion },
        `TOMS_DEFAULT_CATALOGUE_VERSION is ${config.defaultCatalogueVersion}, which is not published: the add-in opens on the newest version until it is. Publish it, or set TOMS_DEFAULT_CATALOGUE_VERSION to a published version.`,
      );
    }
    const demo = config.seed === "demo" && (await storage.suppliers.isEmpty());
    if (demo) {
      const seeded = await seedDemo(storage, new Date(), config.updateDueDays);
      log.info(seeded, "loaded the demo portfolio into empty storage");
    }
    const verify = await createVerifier(config, (userId) => storage.suppliers.supplierForIdentity(userId), now);
    const deps = createAppDeps(storage, {
      moneyLabel: config.moneyLabel,
      now,
      delivery: { dueDays: config.updateDueDays },
      council: config.council,
      updateLinks: { publicUrl: config.publicUrl, days: config.updateLinkDays, refused: (reason, detail) => log.info({ reason, ...detail }, "an update link was refused") },
    });
    const diversity = await openDiversity(config, deps, log);
    if (demo) log.info(await seedDemoDiversity(storage, diversity, new Date()), "loaded two years of demo diversity answers");
    mail = await openMail(config, log, extras.mail);
    const transport = mail.transport;
    deps.mail = { on: transport !== undefined };
    const mailPrompts = transport ? mailPromptOptions(deps, { transport, from: config.mail.from, perMinute: config.mail.perMinute, issue: issueUpdateLink }) : undefined;
    bot = startServiceBot(config, deps, log, mailPrompts);
    const app = createApp({
      config,
      storage,
      verify,
      log,
      deps,
      diversity,
      ...(bot ? { bot } : {}),
      // A bounce is read whether or not this instance sends mail: another may have sent it.
      readBounce: (raw) => readBounce(raw),
      ...(transport ? { sendFreshLink: freshLinkSender({ transport, from: config.mail.from }, deps.council) } : {}),
      ...(mail.mailbox ? { mailbox: mail.mailbox } : {}),
    });
    const listening = await listen(app, config.host, config.port);
    const address = listening.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `http://${host}:${port}`;
    // Form links name the service's public address; on a port chosen at start (PORT=0) that is known only now.
    if (new URL(config.publicUrl).port === "0") {
      diversity.settings.publicUrl = url;
      if (deps.updateLinks) deps.updateLinks.publicUrl = url;
    }
    const stopRetention = scheduleRetention(diversity, log);
    return {
      url,
      storage,
      routes: routeInventory(app),
      ...(mail.mailbox ? { mailbox: mail.mailbox } : {}),
      // Requests in flight are answered first, while storage still runs; then storage is stopped
      // (the embedded Azurite saves).
      close: async () => {
        stopRetention();
        await listening.close();
        // Sends in flight are recorded before storage stops; queued ones are claimed, for the next start.
        await bot?.stop();
        // After the bot: its sends in flight finish first.
        await mail?.close();
        await storage.close();
      },
    };
  } catch (error) {
    await bot?.stop();
    await mail?.close();
    await storage.close();
    throw error;
  }
}

/** Diversity answers have tables and use cases of their own, handed only to their own routes (docs/diversity.md). */
export async function openDiversity(config: Config, deps: AppDeps, log: Logger): Promise<DiversityDeps> {
  return createDiversityDeps(deps, await openDiversityStorage(deps.storage.store), {
    threshold: config.diversity.threshold,
    retentionYears: config.diversity.retentionYears,
    publicUrl: config.publicUrl,
    sizeThresholds: config.sizeThresholds,
    localDistricts: config.localDistricts,
    log: { refused: (reason, detail) => log.info({ reason, ...detail }, "a diversity form link was refused") },
  });
}

/** Answers past their retention period are deleted soon after the start, then daily (docs/diversity.md, "Retention"). */
function scheduleRetention(diversity: DiversityDeps, log: Logger): () => void {
  const run = () =>
    void runRetention(diversity)
      .then((outcome) => {
        if (outcome.ok && outcome.value.deleted > 0) log.info(outcome.value, "deleted diversity answers past their retention period");
      })
      .catch((error: unknown) => log.error({ err: error }, "the diversity retention job failed; it runs again tomorrow"));
  const first = setTimeout(run, 60_000);
  first.unref();
  const daily = setInterval(run, 24 * 60 * 60_000);
  daily.unref();
  return () => {
    clearTimeout(first);
    clearInterval(daily);
  };
}

/**
 * The Teams bot, unless it is not set up (Entra sign-in and no bot registration). Without it, but
 * with a mail transport, the prompt pass and the mail queue still run: e-mail prompts only (no
 * Teams prompt is claimed, /api/messages answers 503). Neither: nothing runs.
 */
function startServiceBot(config: Config, deps: AppDeps, log: Logger, mail?: MailPromptOptions): BotRuntime | undefined {
  const { bot } = config;
  const passes = bot.passMinutes > 0 ? `every ${bot.passMinutes} minutes (TOMS_BOT_PASS_MINUTES)` : "only when an admin runs one (TOMS_BOT_PASS_MINUTES is 0)";
  if (bot.mode === "off") {
    if (!mail) {
      log.warn("the Teams bot is off, and so are e-mail prompts: no prompt is sent. Set MicrosoftAppId and MicrosoftAppPassword to register the bot (docs/bot.md), or TOMS_SMTP_URL or TOMS_MAIL_GRAPH_MAILBOX for e-mail prompts (docs/suppliers.md)");
      return undefined;
    }
    log.warn(`the Teams bot is off (no MicrosoftAppId): prompts are sent by e-mail only, to supplier contacts with an address, by a prompt pass ${passes}; prompts for Teams (managers, and contacts set to Teams) are not sent, and /api/messages answers 503. Set MicrosoftAppId and MicrosoftAppPassword to register the bot (docs/bot.md)`);
  } else {
    if (bot.mode === "anonymous") log.info("the Teams bot runs without a registration, for this computer only (development)");
    log.info(`prompts are sent in Teams${mail ? " and by e-mail" : ""}, by a prompt pass ${passes}`);
  }
  // Unique per process: a restarted service must not think it still holds its old claims.
  const instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  return startBot(deps, {
    instance,
    registration: {
      ...(bot.appId ? { appId: bot.appId } : {}),
      ...(bot.appPassword ? { appPassword: bot.appPassword } : {}),
      ...(bot.appTenantId ? { appTenantId: bot.appTenantId } : {}),
      ...(bot.appType ? { appType: bot.appType } : {}),
      onTurnError: (error) => log.error({ err: error }, "a Teams activity could not be handled"),
    },
    settings: bot.settings,
    tenants: bot.tenants,
    leaseSeconds: bot.leaseSeconds,
    passMinutes: bot.passMinutes,
    onPassError: (error) => log.error({ err: error }, "a scheduled prompt pass failed; the next one tries again"),
    onSendError: (error) => log.error({ err: error }, "a prompt's progress could not be stored; the next pass recovers it"),
    ...(mail ? { mail } : {}),
    ...(bot.mode === "off" ? { teams: false } : {}),
  });
}
