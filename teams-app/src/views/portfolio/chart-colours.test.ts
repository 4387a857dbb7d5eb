import { describe, expect, it } from "vitest";
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from "@fluentui/react-components";
import { RATINGS } from "@toms/domain";
import { RATING_COLOURS, SOCIAL_VALUE_COLOURS, THEME_BACKGROUNDS } from "./chart-colours.js";

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const n = Number.parseInt(hex.slice(1), 16);
    const [r, g, bl] = [n >> 16, (n >> 8) & 255, n & 255].map((v) => {
      const c = v / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe("the charts' colours", () => {
  it("draw on the backgrounds Teams' themes really have", () => {
    expect(THEME_BACKGROUNDS.default).toEqual([teamsLightTheme.colorNeutralBackground1, teamsLightTheme.colorNeutralBackground2]);
    expect(THEME_BACKGROUNDS.dark).toEqual([teamsDarkTheme.colorNeutralBackground1, teamsDarkTheme.colorNeutralBackground2]);
    expect(THEME_BACKGROUNDS.contrast).toContain(teamsHighContrastTheme.colorNeutralBackground1);
    // The system's forced colours may draw the page white instead.
    expect(THEME_BACKGROUNDS.contrast).toContain("#ffffff");
  });

  for (const theme of ["default", "dark", "contrast"] as const) {
    it(`give every rating its own colour, 3:1 or more against the background, in the ${theme} theme`, () => {
      const colours = RATINGS.map((r) => RATING_COLOURS[theme][r.id]);
      expect(new Set(colours.map((c) => c.toLowerCase())).size).toBe(RATINGS.length);
      for (const colour of [...colours, SOCIAL_VALUE_COLOURS[theme].committed, SOCIAL_VALUE_COLOURS[theme].delivered]) {
        for (const background of THEME_BACKGROUNDS[theme]) expect(contrast(colour, background), `${colour} on ${background}`).toBeGreaterThanOrEqual(3);
      }
    });
  }
});
