// The tab inside Microsoft Teams: the one module that calls @microsoft/teams-js.
import { app, authentication, pages } from "@microsoft/teams-js";
import type { TabConfiguration, TabContext, TabHost, TabTheme } from "./tab-host.js";

function asTheme(theme: string | undefined): TabTheme {
  return theme === "dark" || theme === "contrast" ? theme : "default";
}

function contextOf(context: app.Context): TabContext {
  const frame = context.page.frameContext;
  return {
    ...(context.user?.id ? { userObjectId: context.user.id } : {}),
    ...(context.user?.displayName ? { userName: context.user.displayName } : {}),
    locale: context.app.locale || "en-GB",
    ...(context.channel?.id ? { channel: { id: context.channel.id, ...(context.channel.displayName ? { name: context.channel.displayName } : {}), ...(context.team?.displayName ? { teamName: context.team.displayName } : {}) } } : {}),
    ...(context.chat?.id ? { chatId: context.chat.id } : {}),
    ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
    ...(context.page.id ? { entityId: context.page.id } : {}),
    frameContext: frame === "content" ? "content" : frame === "settings" ? "settings" : "other",
  };
}

/** The tab's address for a route, as Teams stores it for a channel tab. */
function contentUrl(route: string): string {
  return new URL(route, new URL(".", window.location.href)).href;
}

/**
 * Connects to Teams: resolves once the SDK has initialised (the caller races it against a timer,
 * since outside Teams it only rejects after its own long timeout).
 */
export async function connectTeams(): Promise<TabHost> {
  await app.initialize();
  const context = await app.getContext();
  let theme = asTheme(context.app.theme);
  const listeners = new Set<(theme: TabTheme) => void>();
  app.registerOnThemeChangeHandler((next) => {
    theme = asTheme(next);
    for (const listener of listeners) listener(theme);
  });
  const tabContext = contextOf(context);
  const host: TabHost = {
    inTeams: true,
    context: tabContext,
    theme: () => theme,
    onThemeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ssoToken: () => authentication.getAuthToken(),
    async shareContract(contract) {
      pages.shareDeepLink({ subPageId: `contract:${contract.id}`, subPageLabel: `${contract.reference} ${contract.title}` });
      return "shared";
    },
    configuration:
      tabContext.frameContext === "settings"
        ? {
            setValid: (valid) => pages.config.setValidityState(valid),
            onSave(configuration: () => TabConfiguration) {
              pages.config.registerOnSaveHandler((event) => {
                const failed = (error: unknown) => event.notifyFailure(error instanceof Error ? error.message : String(error));
                // The page's own refusal (nothing chosen yet) is a failure to save too: Teams must be told, or it waits.
                let chosen: TabConfiguration;
                try {
                  chosen = configuration();
                } catch (error) {
                  failed(error);
                  return;
                }
                const url = contentUrl(chosen.route);
                pages.config.setConfig({ contentUrl: url, websiteUrl: url, entityId: chosen.entityId, suggestedDisplayName: chosen.displayName }).then(() => event.notifySuccess(), failed);
              });
            },
          }
        : null,
  };
  // Teams shows its loading indicator until the app says it is ready.
  void app.notifySuccess();
  return host;
}
