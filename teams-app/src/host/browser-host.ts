// The tab in a plain browser tab: the colour scheme and forced colours stand in for Teams' theme.
import type { TabHost, TabTheme } from "./tab-host.js";

const DARK = "(prefers-color-scheme: dark)";
const FORCED = "(forced-colors: active)";

function browserTheme(): TabTheme {
  if (window.matchMedia(FORCED).matches) return "contrast";
  return window.matchMedia(DARK).matches ? "dark" : "default";
}

export function browserHost(): TabHost {
  return {
    inTeams: false,
    context: { locale: navigator.language || "en-GB", frameContext: "content" },
    theme: browserTheme,
    onThemeChange(listener) {
      const queries = [window.matchMedia(DARK), window.matchMedia(FORCED)];
      const changed = () => listener(browserTheme());
      for (const query of queries) query.addEventListener("change", changed);
      return () => queries.forEach((query) => query.removeEventListener("change", changed));
    },
    ssoToken: () => Promise.reject(new Error("Teams sign-in is only available inside Microsoft Teams.")),
    async shareContract() {
      await navigator.clipboard.writeText(window.location.href);
      return "copied";
    },
    configuration: null,
  };
}
