// What the tab's browser tests look at on a page: its theme's colours, accessibility (axe-core 4.13,
// the one @axe-core/playwright runs),
// and screenshots kept as test artifacts.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
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

/** axe-core itself, the version @axe-core/playwright 4.13 runs. */
const AXE_SOURCE = readFileSync(createRequire(createRequire(import.meta.url).resolve("@axe-core/playwright")).resolve("axe-core/axe.min.js"), "utf8");

/** WCAG 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] as const;

/**
 * The rules whose outcome depends on the colours a theme paints with. A theme changes only the
 * colours (the page's elements and their roles, names and order are the same in every theme), so
 * the other themes are checked with these after the default theme is checked with every rule.
 */
export const COLOUR_RULES = ["color-contrast", "link-in-text-block", "non-text-contrast"] as const;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown; html: string; failureSummary?: string }[];
}

/**
 * The serious and critical accessibility violations axe-core finds in the tab's frame (or page),
 * one line each with where they are: against AXE_TAGS, or only the rules named. axe runs in the
 * tab's own document (the stand-in's page around it is not the product), violations only, which
 * is several times quicker than @axe-core/playwright's frame-by-frame run on a page this size.
 */
export async function seriousViolations(frame: Frame | Page, rules?: readonly string[]): Promise<string[]> {
  if (!(await frame.evaluate(() => "axe" in window))) await frame.evaluate(AXE_SOURCE);
  const runOnly = rules ? { type: "rule", values: [...rules] } : { type: "tag", values: [...AXE_TAGS] };
  const violations = await frame.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { getRules(): { ruleId: string }[]; run(context: Document, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
    // A rule this axe does not have is left out, not an error (non-text-contrast is not in every version).
    const known = new Set(axe.getRules().map((r) => r.ruleId));
    const runOnly = only.type === "rule" ? { ...only, values: only.values.filter((v) => known.has(v)) } : only;
    return (await axe.run(document, { runOnly, resultTypes: ["violations"] })).violations;
  }, runOnly) as AxeViolation[];
  return violations
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
