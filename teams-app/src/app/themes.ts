// Teams' own Fluent themes, by the host's theme name.
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";
import type { TabTheme } from "../host/index.js";

export const FLUENT_THEMES: Record<TabTheme, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };
