// What the tab needs of the place it runs in: Microsoft Teams (through @microsoft/teams-js, in
// teams-host.ts only) or a plain browser tab. Views and the session reach Teams through this alone.

/** Teams' three themes; outside Teams, the browser's colour scheme and forced colours map onto them. */
export type TabTheme = "default" | "dark" | "contrast";

/** Where the tab is open and for whom, as far as the host says. */
export interface TabContext {
  /** The signed-in user's Entra object id and name, in Teams. */
  userObjectId?: string;
  userName?: string;
  /** The user's locale, e.g. "en-GB". */
  locale: string;
  /** The channel the tab is pinned in, with its team. */
  channel?: { id: string; name?: string; teamName?: string };
  /** The chat the tab is pinned in. */
  chatId?: string;
  /** Set when a deep link opened the tab on one page: `contract:{id}`. */
  subPageId?: string;
  /** What a channel tab was set up to show (TabConfiguration's entityId), e.g. `service-area:Highways`. */
  entityId?: string;
  /** "content" for a tab, "settings" for the channel tab's configuration page. */
  frameContext: "content" | "settings" | "other";
}

/** What the channel tab's configuration page saves: where the tab opens, and its suggested name. */
export interface TabConfiguration {
  /** The tab's route, e.g. "#/" (the portfolio), "#/?serviceArea=Highways" or "#/contracts/{id}". */
  route: string;
  /** Stable id of what the tab shows, e.g. "portfolio", "service-area:Highways", "contract:{id}". */
  entityId: string;
  /** The tab's name in the channel, e.g. "CON-2026-014 contract". */
  displayName: string;
}

/** The Teams host, or the browser standing in for it. */
export interface TabHost {
  /** True inside Teams (the SDK initialised); false in a plain browser. */
  readonly inTeams: boolean;
  readonly context: TabContext;
  /** The theme now. */
  theme(): TabTheme;
  /** Calls `listener` whenever the theme changes (Teams' setting, or the browser's); returns the unsubscribe. */
  onThemeChange(listener: (theme: TabTheme) => void): () => void;
  /** A Teams single sign-on token for the service (in Teams only; rejects outside). */
  ssoToken(): Promise<string>;
  /**
   * Shares a link that opens this contract: a Teams deep link in Teams (the host's share dialog),
   * else the page's own address copied to the clipboard.
   */
  shareContract(contract: { id: string; reference: string; title: string }): Promise<"shared" | "copied">;
  /**
   * The channel tab's configuration page, in Teams' settings frame: `onSave` is called when the
   * user presses Save; `setValid` enables Save. Null outside the settings frame.
   */
  readonly configuration: TabConfigurationHost | null;
}

export interface TabConfigurationHost {
  setValid(valid: boolean): void;
  /** Registers what Save stores; the promise's rejection is shown by Teams as a failure to save. */
  onSave(configuration: () => TabConfiguration): void;
}

/**
 * The portfolio as this tab shows it: a channel tab pinned to a service area keeps to that area
 * when its Portfolio section is chosen; every other tab shows the whole portfolio.
 */
export function portfolioRouteOf(entityId: string | undefined): string {
  const area = entityId?.match(/^service-area:(.+)$/)?.[1];
  return area ? `/?${new URLSearchParams({ serviceArea: area })}` : "/";
}

/** The route a deep link's sub-page id opens, or undefined if it names nothing the tab shows. */
export function routeOfSubPage(subPageId: string | undefined): string | undefined {
  const contract = subPageId?.match(/^contract:(.+)$/);
  return contract?.[1] ? `/contracts/${encodeURIComponent(contract[1])}` : undefined;
}
