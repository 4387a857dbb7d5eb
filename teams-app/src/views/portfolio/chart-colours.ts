// The charts' colours in each of Teams' themes. Ratings run from green (Good) through amber and
// orange to red (Inadequate), with grey for Other, so their order reads at a glance; each is at
// least 3:1 against the theme's background (WCAG 1.4.11). The legend, the bars' order and the
// table beside every chart carry the same meaning for anyone who cannot tell the colours apart.
import type { RatingId } from "@toms/domain";
import type { TabTheme } from "../../host/index.js";

export const RATING_COLOURS: Record<TabTheme, Record<RatingId, string>> = {
  default: { good: "#107C10", approachingTarget: "#9E6A00", requiresImprovement: "#D83B01", inadequate: "#A4262C", other: "#707070" },
  dark: { good: "#54B054", approachingTarget: "#E8B730", requiresImprovement: "#F7894A", inadequate: "#F1707B", other: "#ADADAD" },
  // High contrast is Teams' white on black, or outside Teams the system's forced colours, whose
  // background may be black or white (and which leave a chart's colours as they are): mid-tones
  // at 3:1 or more against either.
  contrast: { good: "#22A022", approachingTarget: "#B38600", requiresImprovement: "#E65C00", inadequate: "#E8457A", other: "#8C8C8C" },
};

/** Committed in the council's purple-blue, delivered in green: what was promised, what came. */
export const SOCIAL_VALUE_COLOURS: Record<TabTheme, { committed: string; delivered: string }> = {
  default: { committed: "#5B5FC7", delivered: "#107C41" },
  dark: { committed: "#A6A8F0", delivered: "#5FC48A" },
  contrast: { committed: "#9B7BFF", delivered: "#22A022" },
};

/** The backgrounds the colours are drawn on: Fluent's neutral backgrounds 1 and 2; in high contrast, black or white. */
export const THEME_BACKGROUNDS: Record<TabTheme, readonly string[]> = {
  default: ["#ffffff", "#fafafa"],
  dark: ["#292929", "#242424"],
  contrast: ["#000000", "#ffffff"],
};
