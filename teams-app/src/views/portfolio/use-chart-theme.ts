// Which of Teams' themes the tab is in now, for colours that CSS tokens cannot give (the charts
// draw with colour values), following Teams' setting as it changes.
import { useCallback, useSyncExternalStore } from "react";
import { useTab } from "../../common/tab-context.js";
import type { TabTheme } from "../../host/index.js";

export function useChartTheme(): TabTheme {
  const { host } = useTab();
  const subscribe = useCallback((changed: () => void) => host.onThemeChange(() => changed()), [host]);
  return useSyncExternalStore(subscribe, () => host.theme());
}
