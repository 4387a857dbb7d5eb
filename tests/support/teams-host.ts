// A stand-in for Microsoft Teams, for the tab's browser tests: a host page at
// https://teams.microsoft.com/... (an origin @microsoft/teams-js trusts, so nothing in the tab is
// changed for the tests) that Playwright fulfils itself, so it is never sent, and that frames the tab
// from the service on 127.0.0.1 and answers teams-js's postMessage protocol as Teams' web client does.
//
// The protocol, from the sources of teams-js 2.58 (dist/esm internal/communication.js): the tab
// sends `{id, uuidAsString, func, args, ...}`; the host answers a call with `{id, uuidAsString, args}`
// and sends events as `{func, args}` (no id). Calls the stand-in answers, and their answers:
// - `initialize` → [frameContext, hostClientType, runtime config (JSON string), SDK version];
// - `getContext` → [the context, in teams-js's legacy shape, which it maps to app.Context];
// - `authentication.getAuthToken` → [true, token];
// - `settings.setSettings` (pages.config.setConfig) → [true].
// Messages without an answer (registerHandler, settings.setValidityState, shareDeepLink,
// appInitialization.success, settings.save.success/failure) are only recorded. Events the host
// sends: `themeChange` [theme] and `settings.save` [{}] (the user pressed Save).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, Frame, Page } from "playwright-core";

/** The origin the stand-in's page is served at. */
export const TEAMS_ORIGIN = "https://teams.microsoft.com";

/** The list of trusted origins teams-js asks a CDN for when it loads; the stand-in refuses it. */
export const VALID_ORIGINS_CDN = "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json";

/** The SDK version the stand-in says Teams supports: the installed teams-js's own (its package.json is not exported). */
export const SDK_VERSION: string = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@microsoft/teams-js").replace(/dist[\\/].*$/, "package.json"), "utf8")) as { version: string }).version;

/**
 * What Teams' web client says it supports, as far as the tab uses it: pages (deep links), the
 * channel tab's configuration (pages.config), app entities. Authentication needs no capability.
 */
const RUNTIME = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: {
    appEntity: {},
    pages: { appButton: {}, backStack: {}, config: {}, currentApp: {}, tabs: {} },
    sharing: {},
    teamsCore: {},
  },
} as const;

export type TeamsTheme = "default" | "dark" | "contrast";

/** A channel (and its team) a channel tab is pinned in. */
export interface TeamsChannel {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
}

/** Who is signed in to the stand-in's Teams: the token is asked for on each getAuthToken. */
export interface TeamsUser {
  /** The Entra object id Teams gives the tab in its context. */
  objectId: string;
  displayName: string;
  userPrincipalName: string;
  /** The single sign-on token Teams would hand the tab (a development token of the service, in tests). */
  token(): Promise<string>;
}

/** How Teams opens the tab: which frame, at which address, in which theme, for whom. */
export interface TeamsFrame {
  /** "content" for a personal or channel tab, "settings" for the channel tab's configuration page. */
  frameContext: "content" | "settings";
  /** The tab's address: a full URL (a saved contentUrl), or a route of the tab such as "#/overdue". */
  url: string;
  user: TeamsUser;
  theme?: TeamsTheme;
  /** The tab's entity id (a personal tab's from the manifest, a channel tab's as it saved it). */
  entityId?: string;
  /** A deep link's sub-page id, e.g. "contract:{id}". */
  subPageId?: string;
  channel?: TeamsChannel;
  locale?: string;
}

/** A message the tab sent the host. */
export interface TabMessage {
  id: number;
  uuidAsString?: string;
  func: string;
  args: unknown[];
}

/** What a channel tab saved with pages.config.setConfig. */
export interface SavedConfig {
  contentUrl: string;
  websiteUrl?: string;
  entityId: string;
  suggestedDisplayName?: string;
}

/** The stand-in's page, with the tab framed in it. */
export interface TeamsHostPage {
  page: Page;
  /** The tab's frame (once it has loaded). */
  tab(): Promise<Frame>;
  /** Every message the tab sent, in order. */
  readonly received: readonly TabMessage[];
  /** The first message of `func` (or of one of several) matching `where` the tab sent, waiting for it if need be. */
  message(func: string | readonly string[], where?: (message: TabMessage) => boolean, timeoutMs?: number): Promise<TabMessage>;
  /** Teams' theme changes (the user's setting): sends `themeChange` to the tab. */
  changeTheme(theme: TeamsTheme): Promise<void>;
  /**
   * The user presses Save on the channel tab's configuration page: sends `settings.save` and waits
   * for the tab to say it saved (or failed); answers what it saved with setConfig.
   */
  save(timeoutMs?: number): Promise<SavedConfig>;
  /**
   * Makes the tab's frame as tall as the tab's page, so that a full-page screenshot of the host
   * shows the whole of the view, as Teams would by scrolling.
   */
  fitTab(): Promise<void>;
}

/** One request a page of the context made, and what became of it. */
export interface RecordedRequest {
  url: string;
  /** "service": sent to the service on 127.0.0.1; "host page": fulfilled by the stand-in, never sent; "refused": aborted. */
  fate: "service" | "host page" | "refused";
}

/** The stand-in in one browser context. */
export interface TeamsStandIn {
  /** Every request any page of the context made (the tab's frame included), in order. */
  readonly requests: readonly RecordedRequest[];
  /** Opens the tab as Teams would, in a new page of `viewport` (1280 × 800 unless given). */
  open(frame: TeamsFrame, viewport?: { width: number; height: number }): Promise<TeamsHostPage>;
}

/** The legacy-shaped context teams-js's getContext expects from the host (it maps it to app.Context). */
function legacyContext(frame: TeamsFrame, theme: TeamsTheme, sessionId: string): Record<string, unknown> {
  return {
    locale: frame.locale ?? "en-GB",
    theme,
    frameContext: frame.frameContext,
    hostClientType: "web",
    hostName: "Teams",
    appSessionId: sessionId,
    sessionId,
    userObjectId: frame.user.objectId,
    userDisplayName: frame.user.displayName,
    userPrincipalName: frame.user.userPrincipalName,
    loginHint: frame.user.userPrincipalName,
    tid: "00000000-0000-4000-8000-000000000c0c",
    ...(frame.entityId ? { entityId: frame.entityId } : {}),
    ...(frame.subPageId ? { subEntityId: frame.subPageId } : {}),
    ...(frame.channel
      ? { channelId: frame.channel.id, channelName: frame.channel.name, channelType: "Regular", teamId: frame.channel.teamId, teamName: frame.channel.teamName, groupId: frame.channel.teamId, userTeamRole: 0 }
      : {}),
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The host page: the tab's frame filling the window, and a relay between the frame's messages and
 * the stand-in in Node (the `teamsHostReceive` binding); `teamsHostSend` posts to the tab.
 */
function hostPage(tabUrl: string, tabOrigin: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Microsoft Teams (test stand-in)</title>
<style>html, body { margin: 0; padding: 0; } iframe { display: block; border: 0; width: 100%; height: 100vh; }</style>
</head>
<body>
<main>
<iframe id="tab" title="Contracts and social value" src="${escapeHtml(tabUrl)}"></iframe>
</main>
<script>
const tab = document.getElementById("tab");
const tabOrigin = ${JSON.stringify(tabOrigin)};
window.addEventListener("message", (event) => {
  if (event.source !== tab.contentWindow || event.origin !== tabOrigin) return;
  window.teamsHostReceive(event.data).then((reply) => { if (reply) tab.contentWindow.postMessage(reply, tabOrigin); });
});
window.teamsHostSend = (message) => tab.contentWindow.postMessage(message, tabOrigin);
window.teamsHostFit = (height) => { tab.style.height = height === null ? "" : height + "px"; };
</script>
</body>
</html>
`;
}

/**
 * Routes every request of `context`: the stand-in's pages are fulfilled here, requests to the
 * service (`serviceUrl`, on 127.0.0.1) go through, and anything else is refused, so nothing leaves
 * the machine. Loopback is a secure context, so Chromium lets the https host page frame the tab;
 * its Local Network Access check is passed by granting the stand-in's origin the permission, as a
 * user of Teams would be asked to.
 */
export async function installTeamsStandIn(context: BrowserContext, serviceUrl: string): Promise<TeamsStandIn> {
  const service = new URL(serviceUrl);
  if (service.hostname !== "127.0.0.1") throw new Error(`The stand-in frames a tab on 127.0.0.1 only, not ${service.host}.`);
  const requests: RecordedRequest[] = [];
  const pages = new Map<string, string>();
  try {
    await context.grantPermissions(["local-network-access"], { origin: TEAMS_ORIGIN });
  } catch {
    // A Chromium older than its Local Network Access checks knows no such permission, and needs none.
  }
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    const body = url.origin === TEAMS_ORIGIN ? pages.get(url.pathname) : undefined;
    if (body !== undefined) {
      requests.push({ url: url.href, fate: "host page" });
      return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body });
    }
    if (url.origin === service.origin) {
      requests.push({ url: url.href, fate: "service" });
      return route.continue();
    }
    requests.push({ url: url.href, fate: "refused" });
    return route.abort("blockedbyclient");
  });

  let opened = 0;
  return {
    requests,
    async open(frame, viewport = { width: 1280, height: 800 }) {
      const key = ++opened;
      const tabUrl = /^https?:/.test(frame.url) ? frame.url : new URL(`/tab/${frame.url}`, service).href;
      const path = `/_toms-stand-in/${key}`;
      pages.set(path, hostPage(tabUrl, service.origin));
      const received: TabMessage[] = [];
      const waiting = new Set<() => void>();
      let theme: TeamsTheme = frame.theme ?? "default";
      let saved: SavedConfig | undefined;
      const sessionId = `stand-in-session-${key}`;

      const answer = async (message: TabMessage): Promise<unknown[] | undefined> => {
        switch (message.func) {
          case "initialize":
            return [frame.frameContext, "web", JSON.stringify(RUNTIME), SDK_VERSION];
          case "getContext":
            return [legacyContext(frame, theme, sessionId)];
          case "authentication.getAuthToken":
            return [true, await frame.user.token()];
          case "settings.setSettings":
            saved = message.args[0] as SavedConfig;
            return [true];
          case "settings.getSettings":
            return [saved ?? {}];
          default:
            return undefined;
        }
      };

      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.exposeBinding("teamsHostReceive", async ({ frame: from }, data: unknown) => {
        // Only the host page relays: the binding is visible in the tab's frame too, which never calls it.
        if (from !== page.mainFrame() || typeof data !== "object" || data === null) return null;
        const message = data as TabMessage;
        if (typeof message.func !== "string" || typeof message.id !== "number") return null;
        received.push({ id: message.id, ...(message.uuidAsString ? { uuidAsString: message.uuidAsString } : {}), func: message.func, args: Array.isArray(message.args) ? message.args : [] });
        for (const wake of waiting) wake();
        const args = await answer(message);
        return args ? { id: message.id, uuidAsString: message.uuidAsString, args } : null;
      });
      await page.goto(`${TEAMS_ORIGIN}${path}`);

      const message = (func: string | readonly string[], where: (m: TabMessage) => boolean = () => true, timeoutMs = 20_000) =>
        new Promise<TabMessage>((resolve, reject) => {
          const funcs: readonly string[] = typeof func === "string" ? [func] : func;
          const look = () => {
            const found = received.find((m) => funcs.includes(m.func) && where(m));
            if (!found) return false;
            waiting.delete(wake);
            clearTimeout(timer);
            resolve(found);
            return true;
          };
          const wake = () => void look();
          const timer = setTimeout(() => {
            waiting.delete(wake);
            reject(new Error(`The tab sent no "${funcs.join('" or "')}" message in ${timeoutMs} ms; it sent: ${received.map((m) => m.func).join(", ") || "nothing"}.`));
          }, timeoutMs);
          waiting.add(wake);
          look();
        });
      const send = (event: { func: string; args: unknown[] }) => page.evaluate((m) => (window as unknown as { teamsHostSend(m: unknown): void }).teamsHostSend(m), event);

      const tab = async () => {
        const element = await page.waitForSelector("iframe#tab");
        const content = await element.contentFrame();
        if (!content) throw new Error("The stand-in's page has no tab frame.");
        return content;
      };
      return {
        page,
        received,
        message,
        tab,
        async changeTheme(next) {
          theme = next;
          await send({ func: "themeChange", args: [next] });
        },
        async save(timeoutMs = 20_000) {
          const before = received.length;
          saved = undefined;
          await send({ func: "settings.save", args: [{}] });
          const after = (m: TabMessage) => received.indexOf(m) >= before;
          const outcome = await message(["settings.save.success", "settings.save.failure"], after, timeoutMs);
          if (outcome.func === "settings.save.failure") throw new Error(`The tab could not save its settings: ${String(outcome.args[0])}`);
          if (!saved) throw new Error("The tab said it saved, but never called setConfig.");
          return saved;
        },
        async fitTab() {
          const fit = (h: number | null) => page.evaluate((px) => (window as unknown as { teamsHostFit(h: number | null): void }).teamsHostFit(px), h);
          // Back to the window's height first: the tab's page is never shorter than its frame.
          await fit(null);
          const content = await tab();
          await fit(await content.evaluate(() => Math.ceil(document.documentElement.scrollHeight)));
        },
      };
    },
  };
}
