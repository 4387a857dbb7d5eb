// What the tab's browser tests look at on a page: its theme's colours, accessibility (axe-core),
// and screenshots kept as test artifacts.
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Frame, Page } from "playwright-core";
import { SCREENSHOTS } from "./tab-browser.js";
import type { TeamsHostPage } from "./teams-host.js";

/** The colours the tab paints with now: Fluent's provider's background and text, as computed. */
export interface ThemeColours {
  /** What the tab says it applied (the `data-theme` of its document). */
  theme: string | undefined;
  background: string;
  foreground: string;
}

export async function themeColours(frame: Frame | Page): Promise<ThemeColours> {
  return frame.evaluate(() => {
    const provider = document.querySelector(".fui-FluentProvider");
    if (!provider) throw new Error("The tab has no Fluent provider on the page.");
    const style = getComputedStyle(provider);
    return { theme: document.documentElement.dataset.theme, background: style.backgroundColor, foreground: style.color };
  });
}

/** The relative luminance (WCAG) of a computed "rgb(r, g, b)" colour, 0 (black) to 1 (white). */
export function luminance(colour: string): number {
  const parts = colour.match(/\d+(\.\d+)?/g)?.slice(0, 3).map(Number);
  if (parts?.length !== 3) throw new Error(`Not an rgb() colour: ${colour}`);
  const [r, g, b] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Fluent UI's focus manager (tabster) puts hidden focusable "dummy" elements, marked
 * data-tabster-dummy, at the edges of tab lists and other focus groups to pass focus on: axe reads
 * them as aria-hidden-focus. They are focusable by design and never announced (microsoft/tabster#288,
 * microsoft/fluentui#27517 "By Design"); Accessibility Insights leaves them out the same way
 * (microsoft/accessibility-insights-web#7605). Only those nodes, of only that rule, are left out.
 */
function isTabsterDummy(ruleId: string, html: string): boolean {
  return ruleId === "aria-hidden-focus" && /^<i [^>]*data-tabster-dummy=/.test(html);
}

/**
 * The serious and critical accessibility violations axe-core finds on the page and in its frames
 * (the tab inside the stand-in), against WCAG 2.1 A and AA and axe's best practices, one line each
 * with where they are.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.filter((n) => !isTabsterDummy(v.id, n.html)).map((n) => `${v.id} (${v.impact}): ${v.help}, at ${JSON.stringify(n.target)}: ${n.failureSummary?.replace(/\s+/g, " ") ?? ""} ${n.html.slice(0, 200)}`),
    );
}

/**
 * Keeps a screenshot of the whole of the tab under test-results/tab/<name>.png: the stand-in's frame
 * is first made as tall as the tab's page.
 */
export async function keepScreenshot(host: TeamsHostPage, name: string): Promise<string> {
  await host.fitTab();
  const path = join(SCREENSHOTS, `${name}.png`);
  await host.page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
