import { DEFAULT_CATALOGUE, DEFAULT_LOCAL_DISTRICTS, DEFAULT_PROMPT_SETTINGS, DEFAULT_SIZE_THRESHOLDS, ROLES, isRole, type NoticeBuyer, type PromptSettings, type Role, type SizeThresholds } from "@toms/domain";
import { parseSettings, readStorageSettings, SettingsError, type StorageSettings } from "@toms/storage";
import { isIP, isIPv4 } from "node:net";
import { z } from "zod";

/** Everything the service reads from its environment; secrets come only from here. */
export interface Config extends StorageSettings {
  port: number;
  host: string;
  seed: "demo" | "none";
  logLevel: string;
  publicUrl: string;
  moneyLabel: string;
  /** The catalogue version the add-in opens on; it may be published after the service starts. */
  defaultCatalogueVersion: string;
  localDistricts: string[];
  sizeThresholds: SizeThresholds;
  /** Writes each signed-in user may make per minute on this instance (TOMS_WRITE_LIMIT_PER_MINUTE). */
  writeLimitPerMinute: number;
  /**
   * Which proxies' X-Forwarded-For and X-Forwarded-Proto the service believes (TOMS_TRUST_PROXY), as
   * Express's `trust proxy` takes it: a number of hops, or addresses, ranges and Express's names.
   */
  trustProxy: number | string[];
  /** Days after a period's end that its KPI update is due. */
  updateDueDays: number;
  /** Days a signed update link works (TOMS_UPDATE_LINK_DAYS, default 30, 1 to 365). */
  updateLinkDays: number;
  /** The contracting authority, as UK9 notices name it. */
  council: NoticeBuyer & { ocidPrefix: string };
  signIn:
    | {
        mode: "development";
        /**
         * TOMS_DEV_SIGN_IN=on: the browser apps' sign-in as anyone (POST /auth/dev-token, the demo's
         * people on /auth/config). Off by default: whoever can reach loopback could be anyone, and
         * these machines are shared. Tokens from `npm run token` work either way (only the service's
         * user can read the key that signs them).
         */
        devSignIn: boolean;
      }
    | {
        mode: "entra";
        /** https://login.microsoftonline.com, or a national cloud's. */
        authority: string;
        tenantId: string;
        audiences: string[];
        /** Entra app role value -> the suite's role; by default the values are the role names. */
        roleMap: Record<string, Role>;
      };
  /** The Teams bot (docs/bot.md). */
  bot: BotConfig;
  /** E-mail prompts to supplier contacts outside Teams (docs/suppliers.md). */
  mail: MailConfig;
  /** Supplier diversity (docs/diversity.md). */
  diversity: {
    /** Published counts below this are suppressed (at least 3; ONS practice is 10). */
    threshold: number;
    /** Answers are deleted this many years after they were given. */
    retentionYears: number;
  };
}

/** The bot's registration and the scheduled prompt pass's settings. */
export interface BotConfig {
  /**
   * "registered": the bot's Entra app (MicrosoftAppId) checks every activity's token. "anonymous":
   * no app id, for local development only (development sign-in, loopback HOST). "off": Entra
   * sign-in without a bot registration; /api/messages says the bot is not set up.
   */
  mode: "registered" | "anonymous" | "off";
  appId?: string;
  appPassword?: string;
  appTenantId?: string;
  appType?: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  /** Minutes between scheduled prompt passes; 0 runs none (an admin can still run one). */
  passMinutes: number;
  /** How long an instance's claim on a prompt lasts before another may take it over. */
  leaseSeconds: number;
  settings: PromptSettings;
  /** The Entra tenants whose people the bot serves; empty: any (development without a tenant). */
  tenants: string[];
}

/** How the service sends mail, from whom, and how fast (docs/suppliers.md, "E-mail"). */
export interface MailConfig {
  transport:
    | { mode: "smtp"; url: string }
    | { mode: "graph"; mailbox: string; tenantId: string; clientId?: string; clientSecret?: string; graphUrl: string; authorityHost: string }
    /** Neither set, development sign-in: the service's own mailbox on loopback (/dev/mail). */
    | { mode: "development" }
    /** TOMS_MAIL=off, or neither set under Entra sign-in: e-mail prompts are not sent (warned at the start). */
    | { mode: "off"; /** Present when TOMS_MAIL=off said so. */ byTomsMail?: true };
  from: { address: string; name: string };
  /** Messages a minute at most (Exchange Online takes 30 a minute from one mailbox). */
  perMinute: number;
}

/** localhost, ::1 or an address in 127.0.0.0/8 (a name like 127.example.com is not). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (bare === "localhost" || bare === "::1") return true;
  return isIPv4(bare) && bare.startsWith("127.");
}

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];
/** An address, a range (address/prefix) or one of Express's names for ranges. */
function isProxyAddress(part: string): boolean {
  if (PROXY_NAMES.includes(part)) return true;
  const [address = "", prefix, extra] = part.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const bandLimit = z.object({ employeesBelow: z.number().positive(), turnoverAtMost: z.number().positive(), balanceSheetAtMost: z.number().positive() });

const envSchema = z.object({
  PORT: z.coerce.number({ error: "must be a port number (0-65535)" }).int("must be a port number (0-65535)").min(0, "must be a port number (0-65535)").max(65535, "must be a port number (0-65535)").default(3978),
  HOST: z.string().min(1).default("127.0.0.1"),
  TOMS_SEED: z.enum(["demo", "none"]).default("demo"),
  TOMS_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TOMS_PUBLIC_URL: z.url().optional(),
  TOMS_MONEY_LABEL: z.string().min(1).default("Coventry £"),
  TOMS_DEFAULT_CATALOGUE_VERSION: z.string().trim().min(1, "must name a catalogue version, e.g. 2026.1").default(DEFAULT_CATALOGUE.version),
  TOMS_LOCAL_DISTRICTS: z.string().optional(),
  TOMS_WRITE_LIMIT_PER_MINUTE: z.coerce.number({ error: "must be a whole number of writes" }).int("must be a whole number of writes").min(1, "must be at least 1").max(1_000_000, "must be at most 1000000").default(600),
  TOMS_TRUST_PROXY: z
    .string()
    .trim()
    .default("loopback")
    .refine((value) => /^\d+$/.test(value) ? Number(value) >= 1 && Number(value) <= 10 : value.split(",").every((part) => isProxyAddress(part.trim())), {
      error: "must be a number of proxy hops (1 to 10), or addresses and ranges separated by commas (such as 10.0.0.0/8), or loopback, linklocal, uniquelocal",
    }),
  TOMS_UPDATE_DUE_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(0, "must be 0 or more").max(120, "must be at most 120").default(14),
  TOMS_UPDATE_LINK_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(365, "must be at most 365").default(30),
  TOMS_COUNCIL_NAME: z.string().trim().min(1).default("Coventry City Council"),
  TOMS_COUNCIL_EMAIL: z.email("must be an email address").default("procurement@coventry.gov.uk"),
  TOMS_COUNCIL_PPON: z.string().trim().min(1).optional(),
  TOMS_OCDS_PREFIX: z.string().trim().regex(/^ocds-[a-z0-9]{6}$/, "must be an OCDS prefix such as ocds-h6vhtk").default("ocds-h6vhtk"),
  TOMS_SIZE_THRESHOLDS: z.string().optional(),
  TOMS_DEV_SIGN_IN: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  TOMS_ENTRA_TENANT_ID: z.string().min(1).optional(),
  TOMS_ENTRA_CLIENT_ID: z.string().min(1).optional(),
  TOMS_ENTRA_AUDIENCE: z.string().min(1).optional(),
  TOMS_ENTRA_ROLES: z.string().min(1).optional(),
  TOMS_ENTRA_AUTHORITY: z.url().default("https://login.microsoftonline.com"),
  // The Bot Framework's own names for the bot's registration, as Azure Bot Service sets them.
  MicrosoftAppId: z.string().trim().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppTenantId: z.string().trim().optional(),
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], { error: "must be MultiTenant, SingleTenant or UserAssignedMSI" }).optional(),
  TOMS_BOT_PASS_MINUTES: z.coerce.number({ error: "must be a whole number of minutes" }).int("must be a whole number of minutes").min(0, "must be 0 (no scheduled passes) or more").max(1440, "must be at most 1440 (a day)").default(5),
  TOMS_BOT_LEASE_SECONDS: z.coerce.number({ error: "must be a whole number of seconds" }).int("must be a whole number of seconds").min(1, "must be at least 1").max(3600, "must be at most 3600").default(120),
  TOMS_BOT_REMIND_AFTER_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(90, "must be at most 90").default(DEFAULT_PROMPT_SETTINGS.reminderAfterDays),
  TOMS_BOT_ESCALATE_AFTER_DAYS: z.coerce.number({ error: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1").max(180, "must be at most 180").default(DEFAULT_PROMPT_SETTINGS.escalateAfterDays),
  TOMS_BOT_QUIET_HOURS: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "must be two UK times like 18:00-08:00 (from-until), or none")
    .or(z.literal("none"))
    .default(`${DEFAULT_PROMPT_SETTINGS.quietHours.start}-${DEFAULT_PROMPT_SETTINGS.quietHours.end}`),
  TOMS_BOT_TENANTS: z.string().trim().optional(),
  TOMS_BOT_WEEKENDS: z.enum(["quiet", "send"], { error: "must be quiet or send" }).default(DEFAULT_PROMPT_SETTINGS.sendAtWeekends ? "send" : "quiet"),
  TOMS_MAIL: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  TOMS_SMTP_URL: z
    .string()
    .trim()
    .refine((value) => /^smtps?:\/\/[^/\s]+/i.test(value), { error: "must be an SMTP address like smtp://mail.example.org:587 or smtps://user:password@mail.example.org:465" })
    .optional(),
  TOMS_MAIL_GRAPH_MAILBOX: z.string().trim().min(1).optional(),
  TOMS_MAIL_GRAPH_TENANT_ID: z.string().trim().min(1).optional(),
  TOMS_MAIL_GRAPH_CLIENT_ID: z.string().trim().min(1).optional(),
  TOMS_MAIL_GRAPH_CLIENT_SECRET: z.string().min(1).optional(),
  TOMS_GRAPH_URL: z.url({ error: "must be an address like https://graph.microsoft.com" }).default("https://graph.microsoft.com"),
  TOMS_MAIL_FROM: z.email("must be an email address").optional(),
  TOMS_MAIL_FROM_NAME: z.string().trim().min(1).optional(),
  TOMS_MAIL_PER_MINUTE: z.coerce.number({ error: "must be a whole number of messages" }).int("must be a whole number of messages").min(1, "must be at least 1").max(10_000, "must be at most 10000").default(30),
  TOMS_DIVERSITY_THRESHOLD: z.coerce.number({ error: "must be a whole number" }).int("must be a whole number").min(3, "must be at least 3: smaller counts identify businesses").max(100, "must be at most 100").default(10),
  TOMS_DIVERSITY_RETENTION_YEARS: z.coerce.number({ error: "must be a whole number of years" }).int("must be a whole number of years").min(1, "must be at least 1").max(10, "must be at most 10").default(3),
});

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad setting stops the service with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Both sets are read before refusing, so one message names every variable at fault.
  const problems: string[] = [];
  const read = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      problems.push(...error.message.split("\n"));
      return undefined;
    }
  };
  const e = read(() => parseSettings(envSchema, env));
  const storage = read(() => readStorageSettings(env));
  if (!e || !storage) throw new ConfigError(`The service's settings are not valid:\n  ${problems.join("\n  ")}`);
  let sizeThresholds = DEFAULT_SIZE_THRESHOLDS;
  if (e.TOMS_SIZE_THRESHOLDS) {
    const thresholds = z.object({ micro: bandLimit, small: bandLimit, medium: bandLimit }).safeParse(safeJson(e.TOMS_SIZE_THRESHOLDS));
    if (!thresholds.success) throw new ConfigError("TOMS_SIZE_THRESHOLDS must be JSON like {\"micro\":{\"employeesBelow\":10,\"turnoverAtMost\":2000000,\"balanceSheetAtMost\":2000000},\"small\":{...},\"medium\":{...}}.");
    sizeThresholds = thresholds.data;
  }
  const signIn: Config["signIn"] = e.TOMS_ENTRA_TENANT_ID
    ? entraSignIn(e.TOMS_ENTRA_AUTHORITY.replace(/\/+$/, ""), e.TOMS_ENTRA_TENANT_ID, e.TOMS_ENTRA_CLIENT_ID, e.TOMS_ENTRA_AUDIENCE, e.TOMS_ENTRA_ROLES, e.TOMS_PUBLIC_URL)
    : { mode: "development", devSignIn: e.TOMS_DEV_SIGN_IN === "on" };
  if (signIn.mode === "development" && !isLoopback(e.HOST)) {
    throw new ConfigError(
      `Development sign-in only works when HOST is a loopback address (127.0.0.1, ::1 or localhost); HOST is ${e.HOST}. ` +
        "To listen on other addresses, configure Microsoft Entra ID sign-in with TOMS_ENTRA_TENANT_ID and TOMS_ENTRA_CLIENT_ID.",
    );
  }
  if (e.TOMS_BOT_ESCALATE_AFTER_DAYS < e.TOMS_BOT_REMIND_AFTER_DAYS) {
    throw new ConfigError(`TOMS_BOT_ESCALATE_AFTER_DAYS (${e.TOMS_BOT_ESCALATE_AFTER_DAYS}) must not be less than TOMS_BOT_REMIND_AFTER_DAYS (${e.TOMS_BOT_REMIND_AFTER_DAYS}): the reporter is reminded before the contract manager is told.`);
  }
  const appId = e.MicrosoftAppId || undefined;
  if (appId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== "UserAssignedMSI") {
    throw new ConfigError("MicrosoftAppPassword (the bot registration's client secret) is required with MicrosoftAppId, unless MicrosoftAppType is UserAssignedMSI.");
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) throw new ConfigError("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
  const [quietStart, quietEnd] = e.TOMS_BOT_QUIET_HOURS === "none" ? ["00:00", "00:00"] : e.TOMS_BOT_QUIET_HOURS.split("-");
  // The council's own tenant unless told otherwise: a multi-tenant registration still serves only it.
  const tenants = e.TOMS_BOT_TENANTS ? e.TOMS_BOT_TENANTS.split(",").map((t) => t.trim()).filter(Boolean) : [e.MicrosoftAppTenantId || e.TOMS_ENTRA_TENANT_ID].filter((t): t is string => Boolean(t));
  const appType = e.MicrosoftAppType ?? (e.MicrosoftAppTenantId ? "SingleTenant" : undefined);
  const bot: BotConfig = {
    // Without a registration nobody's token is checked, so that is for this computer alone.
    mode: appId ? "registered" : signIn.mode === "development" ? "anonymous" : "off",
    ...(appId ? { appId } : {}),
    ...(e.MicrosoftAppPassword ? { appPassword: e.MicrosoftAppPassword } : {}),
    ...(e.MicrosoftAppTenantId ? { appTenantId: e.MicrosoftAppTenantId } : {}),
    ...(appId && appType ? { appType } : {}),
    tenants,
    passMinutes: e.TOMS_BOT_PASS_MINUTES,
    leaseSeconds: e.TOMS_BOT_LEASE_SECONDS,
    settings: {
      reminderAfterDays: e.TOMS_BOT_REMIND_AFTER_DAYS,
      escalateAfterDays: e.TOMS_BOT_ESCALATE_AFTER_DAYS,
      quietHours: { start: quietStart ?? "00:00", end: quietEnd ?? "00:00" },
      sendAtWeekends: e.TOMS_BOT_WEEKENDS === "send",
    },
  };
  const mail = mailConfig(e, signIn.mode);
  return {
    ...storage,
    port: e.PORT,
    host: e.HOST,
    seed: e.TOMS_SEED,
    logLevel: e.TOMS_LOG_LEVEL,
    publicUrl: e.TOMS_PUBLIC_URL ?? `http://${e.HOST.includes(":") ? `[${e.HOST}]` : e.HOST}:${e.PORT}`,
    moneyLabel: e.TOMS_MONEY_LABEL,
    defaultCatalogueVersion: e.TOMS_DEFAULT_CATALOGUE_VERSION,
    localDistricts: e.TOMS_LOCAL_DISTRICTS ? e.TOMS_LOCAL_DISTRICTS.split(",").map((d) => d.trim().toUpperCase()).filter(Boolean) : DEFAULT_LOCAL_DISTRICTS,
    sizeThresholds,
    writeLimitPerMinute: e.TOMS_WRITE_LIMIT_PER_MINUTE,
    trustProxy: /^\d+$/.test(e.TOMS_TRUST_PROXY) ? Number(e.TOMS_TRUST_PROXY) : e.TOMS_TRUST_PROXY.split(",").map((part) => part.trim()),
    updateDueDays: e.TOMS_UPDATE_DUE_DAYS,
    updateLinkDays: e.TOMS_UPDATE_LINK_DAYS,
    council: {
      name: e.TOMS_COUNCIL_NAME,
      email: e.TOMS_COUNCIL_EMAIL,
      ...(e.TOMS_COUNCIL_PPON ? { identifier: { scheme: "GB-PPON", id: e.TOMS_COUNCIL_PPON } } : {}),
      address: { streetAddress: "Council House, Earl Street", locality: "Coventry", postalCode: "CV1 5RR", countryName: "United Kingdom" },
      ocidPrefix: e.TOMS_OCDS_PREFIX,
    },
    signIn,
    bot,
    mail,
    diversity: { threshold: e.TOMS_DIVERSITY_THRESHOLD, retentionYears: e.TOMS_DIVERSITY_RETENTION_YEARS },
  };
}

/** The mail settings: SMTP, Graph, the development mailbox, or off (docs/suppliers.md). */
function mailConfig(e: z.infer<typeof envSchema>, signIn: Config["signIn"]["mode"]): MailConfig {
  if (e.TOMS_SMTP_URL && e.TOMS_MAIL_GRAPH_MAILBOX) {
    throw new ConfigError("TOMS_SMTP_URL and TOMS_MAIL_GRAPH_MAILBOX are both set: the service sends mail one way. Keep TOMS_MAIL_GRAPH_MAILBOX to send through Microsoft Graph, or TOMS_SMTP_URL for another mail server.");
  }
  let transport: MailConfig["transport"];
  // TOMS_MAIL=off: no mail whatever else is set (a council not ready to e-mail suppliers, a test about Teams alone).
  if (e.TOMS_MAIL === "off") transport = { mode: "off", byTomsMail: true };
  else if (e.TOMS_SMTP_URL) transport = { mode: "smtp", url: e.TOMS_SMTP_URL };
  else if (e.TOMS_MAIL_GRAPH_MAILBOX) {
    const tenantId = e.TOMS_MAIL_GRAPH_TENANT_ID ?? e.TOMS_ENTRA_TENANT_ID;
    if (!tenantId) throw new ConfigError("TOMS_MAIL_GRAPH_TENANT_ID (the council's Entra tenant) is required with TOMS_MAIL_GRAPH_MAILBOX when TOMS_ENTRA_TENANT_ID is not set.");
    if (e.TOMS_MAIL_GRAPH_CLIENT_SECRET && !e.TOMS_MAIL_GRAPH_CLIENT_ID) throw new ConfigError("TOMS_MAIL_GRAPH_CLIENT_ID (the app registration allowed to send) is required with TOMS_MAIL_GRAPH_CLIENT_SECRET.");
    transport = {
      mode: "graph",
      mailbox: e.TOMS_MAIL_GRAPH_MAILBOX,
      tenantId,
      ...(e.TOMS_MAIL_GRAPH_CLIENT_ID ? { clientId: e.TOMS_MAIL_GRAPH_CLIENT_ID } : {}),
      ...(e.TOMS_MAIL_GRAPH_CLIENT_SECRET ? { clientSecret: e.TOMS_MAIL_GRAPH_CLIENT_SECRET } : {}),
      graphUrl: e.TOMS_GRAPH_URL.replace(/\/+$/, ""),
      authorityHost: e.TOMS_ENTRA_AUTHORITY.replace(/\/+$/, ""),
    };
  } else transport = signIn === "development" ? { mode: "development" } : { mode: "off" };
  // Graph sends as its mailbox; a different From would need Send As rights on another.
  const address = e.TOMS_MAIL_FROM ?? (transport.mode === "graph" && transport.mailbox.includes("@") ? transport.mailbox : e.TOMS_COUNCIL_EMAIL);
  return { transport, from: { address, name: e.TOMS_MAIL_FROM_NAME ?? e.TOMS_COUNCIL_NAME }, perMinute: e.TOMS_MAIL_PER_MINUTE };
}

function entraSignIn(authority: string, tenantId: string, clientId: string | undefined, audience: string | undefined, roles: string | undefined, publicUrl: string | undefined): Config["signIn"] {
  if (!clientId && !audience) throw new ConfigError("TOMS_ENTRA_CLIENT_ID (the API's app registration) is required with TOMS_ENTRA_TENANT_ID.");
  // Teams single sign-on needs the Application ID URI on the tab's host (api://<host>/<client id>,
  // docs/teams-app.md); without a public address, the registration's default api://<client id>.
  const publicHost = publicUrl?.startsWith("https://") ? new URL(publicUrl).host : undefined;
  const audiences = audience ? audience.split(",").map((a) => a.trim()).filter(Boolean) : [clientId as string, publicHost ? `api://${publicHost}/${clientId}` : `api://${clientId}`];
  return { mode: "entra", authority, tenantId, audiences, roleMap: roles ? parseRoleMap(roles) : Object.fromEntries(ROLES.map((r) => [r, r])) };
}

/** "Procurement.Admin=admin,Evaluator=evaluator": the tenant's app role values for each role. */
function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [value, role] = pair.split("=").map((p) => p.trim());
    if (!value || !role || !isRole(role)) {
      throw new ConfigError(`TOMS_ENTRA_ROLES must be a list like "Procurement.Admin=admin,Evaluator=evaluator" with roles among ${ROLES.join(", ")}; "${pair}" is not.`);
    }
    map[value] = role;
  }
  return map;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
