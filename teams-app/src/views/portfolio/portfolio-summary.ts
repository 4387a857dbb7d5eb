// What the portfolio's tiles and charts show: the whole portfolio's totals or one service area's,
// and the social value by theme from the annual report.
import { NO_SERVICE_AREA, sumLines, yearRange, type PortfolioDashboard, type PortfolioTotals, type SocialValueLine, type SocialValueReport } from "@toms/domain";
import { formatDate } from "../../common/format.js";

/**
 * The figures the tiles show: the whole portfolio's, or, when the page is pinned to a service
 * area (`?serviceArea=Highways`, e.g. a channel's tab), that service area's. A service area none
 * of the caller's contracts is in has no figures ("missing"), rather than a row of noughts that
 * would read as a service area with nothing wrong.
 */
export type PortfolioScope = { kind: "whole"; totals: PortfolioTotals } | { kind: "serviceArea"; serviceArea: string; totals: PortfolioTotals } | { kind: "missing"; serviceArea: string };

export function portfolioScope(portfolio: PortfolioDashboard, serviceArea: string | null): PortfolioScope {
  if (serviceArea === null) return { kind: "whole", totals: portfolio };
  const row = portfolio.byServiceArea.find((r) => r.serviceArea === serviceArea);
  return row ? { kind: "serviceArea", serviceArea, totals: row } : { kind: "missing", serviceArea };
}

/** A theme's committed and delivered social value in the report's year. */
export interface ThemeRow {
  theme: string;
  committed: number;
  delivered: number;
}

/**
 * Social value by theme in the report's year: the report's own rows for the whole portfolio, or,
 * for one service area, the report's lines of that service area's contracts summed by theme (to
 * the penny, as the report sums them). Themes by name.
 */
export function socialValueByTheme(report: SocialValueReport, serviceArea: string | null): ThemeRow[] {
  if (serviceArea === null) return report.byTheme.map((r) => ({ theme: r.label, committed: r.committed, delivered: r.delivered }));
  const byTheme = new Map<string, SocialValueLine[]>();
  for (const line of report.lines) {
    if ((line.serviceArea ?? NO_SERVICE_AREA) !== serviceArea) continue;
    const lines = byTheme.get(line.theme);
    if (lines) lines.push(line);
    else byTheme.set(line.theme, [line]);
  }
  return [...byTheme.entries()].map(([theme, lines]) => ({ theme, ...sumLines(lines) })).sort((a, b) => a.theme.localeCompare(b.theme, "en-GB"));
}

/** The report's year in words: "financial year 2025/26 (1 April 2025 to 31 March 2026)". */
export function reportYearWords(report: Pick<SocialValueReport, "year" | "yearType" | "yearLabel">): string {
  const { from, to } = yearRange(report.year, report.yearType);
  return `${report.yearType} year ${report.yearLabel} (${formatDate(from)} to ${formatDate(to)})`;
}
