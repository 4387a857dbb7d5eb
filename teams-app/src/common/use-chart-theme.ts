// Which of Teams' themes the tab is in now, for colours that CSS tokens cannot give (the charts
// draw with colour values), following Teams' setting as it changes.
import { useCallback, useSyncExternalStore } from "react";
import { useTab } from "./tab-context.js";
import type { TabTheme } from "../host/index.js";
import { RATING_COLOURS, SOCIAL_VALUE_COLOURS } from "./chart-colours.js";

/** The theme now; the component draws again when Teams (or the browser) changes it. */
export function useChartTheme(): TabTheme {
  const { host } = useTab();
  const subscribe = useCallback((changed: () => void) => host.onThemeChange(() => changed()), [host]);
  return useSyncExternalStore(subscribe, () => host.theme());
}

/** The charts' colours (chart-colours.ts) in the theme now, followed as it changes. */
export function useChartColours(): { ratings: (typeof RATING_COLOURS)[TabTheme]; socialValue: (typeof SOCIAL_VALUE_COLOURS)[TabTheme] } {
  const theme = useChartTheme();
  return { ratings: RATING_COLOURS[theme], socialValue: SOCIAL_VALUE_COLOURS[theme] };
}
