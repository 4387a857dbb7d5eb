// The tab's host: Teams when the SDK answers in time, else a plain browser.
import { browserHost } from "./browser-host.js";
import type { TabHost } from "./tab-host.js";

export type { TabConfiguration, TabConfigurationHost, TabContext, TabHost, TabTheme } from "./tab-host.js";
export { portfolioRouteOf, routeOfSubPage } from "./tab-host.js";

/** How long to wait for Teams before running as a plain browser page. */
const TEAMS_WAIT_MS = 2500;

/**
 * Teams when the SDK initialises within a short time, else the browser.
 */
export async function connectHost(waitMs = TEAMS_WAIT_MS): Promise<TabHost> {
  // Teams frames the tab, or (on mobile) injects its native interface; a page that is neither is
  // never in Teams, so it does not wait at all.
  if (window.parent === window && !window.opener && !("nativeInterface" in window)) return browserHost();
  // teams-js is loaded only when it may be needed.
  const teams = import("./teams-host.js").then(({ connectTeams }) => connectTeams());
  const timer = new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs));
  try {
    return (await Promise.race([teams, timer])) ?? browserHost();
  } catch {
    return browserHost();
  }
}
