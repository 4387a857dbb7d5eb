// What the portfolio's tiles and charts show: the whole portfolio's totals or one service area's,
// the share of social value delivered, the ratings by quarter and the social value by theme.
import { NO_SERVICE_AREA, periodLabel, RATINGS, sumLines, yearRange, type PortfolioDashboard, type PortfolioTotals, type RatingId, type RatingsInQuarter, type SocialValueLine, type SocialValueReport } from "@toms/domain";
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

/**
 * The share of the committed social value delivered, in whole per cent; null when nothing is
 * committed. Below 100 it is rounded down, so that 99.6% never reads as all of it delivered.
 */
export function percentDelivered(socialValue: { committed: number; delivered: number }): number | null {
  if (socialValue.committed <= 0) return null;
  const percent = (socialValue.delivered / socialValue.committed) * 100;
  return percent < 100 ? Math.floor(percent) : Math.round(percent);
}

/** How many KPIs the counts cover. */
export function ratedCount(ratings: Readonly<Record<RatingId, number>>): number {
  return RATINGS.reduce((sum, r) => sum + ratings[r.id], 0);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * A calendar quarter in few letters for the chart's axis: "2026-Q1" is "Jan–Mar 2026". Months,
 * not "Q1", because a council's Q1 is often April to June.
 */
export function quarterShortLabel(quarter: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return quarter;
  const first = (Number(match[2]) - 1) * 3;
  return `${MONTHS[first]}–${MONTHS[first + 2]} ${match[1]}`;
}

/** A calendar quarter in full: "2026-Q1" is "January to March 2026" (the domain's words for a period). */
export const quarterLabel = periodLabel;

/** The month a quarter starts or ends in, as a period id: ("2026-Q1", "first") is "2026-01". */
function quarterMonth(quarter: string, which: "first" | "last"): string | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) return null;
  const month = (Number(match[2]) - 1) * 3 + (which === "first" ? 1 : 3);
  return `${match[1]}-${String(month).padStart(2, "0")}`;
}

/** The months a run of quarters covers, oldest first: ["2025-Q1", …, "2026-Q4"] is "January 2025 to December 2026". */
export function quartersSpan(quarters: readonly string[]): string {
  const first = quarters[0] === undefined ? null : quarterMonth(quarters[0], "first");
  const last = quarters.length === 0 ? null : quarterMonth(quarters[quarters.length - 1] as string, "last");
  return first && last ? `${periodLabel(first)} to ${periodLabel(last)}` : "the last 8 quarters";
}

/** A quarter's column of the ratings chart and its table. */
export interface QuarterRatings {
  quarter: string;
  ratings: Record<RatingId, number>;
  total: number;
}

/** The quarters in order, oldest first, each with its total; true `hasRatings` once any period is rated. */
export function ratingsByQuarter(over: readonly RatingsInQuarter[]): { quarters: QuarterRatings[]; hasRatings: boolean } {
  const quarters = [...over].sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0)).map((q) => ({ quarter: q.quarter, ratings: q.ratings, total: ratedCount(q.ratings) }));
  return { quarters, hasRatings: quarters.some((q) => q.total > 0) };
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
