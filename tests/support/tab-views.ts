// The tab's views as the browser tests open them: each view's route, the heading it starts with, and
// what is on the page once its data is shown (never a pause: the state is waited for).
import type { Frame, Locator, Page } from "playwright-core";
import { WAIT } from "./tab-browser.js";

export interface TabView {
  /** Short name, for screenshots: "portfolio", "contract"... */
  name: string;
  /** The hash route, e.g. "#/overdue". */
  route: string;
  /** The view's h1. */
  heading: RegExp;
  /** A selector on the page once the view shows its data (or says it has none). */
  shown: string;
}

/** A pattern matching exactly `text`. */
export function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** The views of the content frame for a contract and a supplier of the signed-in user's. */
export function contentViews(contract: { contractId: string; title: string }, supplier: { id: string; name: string }): TabView[] {
  return [
    { name: "portfolio", route: "#/", heading: /^Portfolio$/, shown: '[data-testid="portfolio-tiles"] [data-value]' },
    { name: "contract", route: `#/contracts/${encodeURIComponent(contract.contractId)}`, heading: exactly(contract.title), shown: '[data-testid="kpi-rating"]' },
    { name: "supplier", route: `#/suppliers/${encodeURIComponent(supplier.id)}`, heading: exactly(supplier.name), shown: '[data-testid="scorecard-table"]' },
    { name: "social-value", route: "#/social-value", heading: /^Social value delivered$/, shown: '[data-testid="report-group"], [role="note"]' },
    { name: "overdue", route: "#/overdue", heading: /^Overdue updates and reviews$/, shown: '[data-testid="owed-item"], [role="note"]' },
  ];
}

/** The channel tab's configuration page (settings frame only). */
export const CONFIG_VIEW: TabView = { name: "config", route: "#/config", heading: /^Channel tab settings$/, shown: '[role="radiogroup"]' };

/**
 * Goes to the view in the tab already open in `frame` (the hash route changes; the tab is not
 * reloaded, so it stays signed in) and waits until it shows its data, nothing loading.
 */
export async function showView(frame: Frame | Page, view: TabView): Promise<void> {
  await frame.evaluate((route) => {
    if (window.location.hash !== route) window.location.hash = route;
  }, view.route);
  await frame.getByRole("heading", { level: 1, name: view.heading }).waitFor(WAIT);
  await frame.locator(view.shown).first().waitFor(WAIT);
  await frame.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, WAIT);
}

/** The data-value and text of the elements `selector` finds within `frame` (a frame, page or element). */
export async function shownValues(frame: Frame | Page | Locator, selector: string): Promise<{ value: string; text: string }[]> {
  return frame.locator(selector).evaluateAll((elements) => elements.map((e) => ({ value: e.getAttribute("data-value") ?? "", text: (e.textContent ?? "").trim() })));
}

const wholePounds = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const poundsAndPence = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Money as the views show it: the configured label, then whole pounds ("Coventry £1,234"); with
 * `pence`, the pence too when there are any ("Coventry £21,835.25"), as the contract's social value.
 */
export function moneyText(amount: number, label: string, pence = false): string {
  const withPence = pence && Math.round(Math.abs(amount) * 100) % 100 !== 0;
  const digits = (withPence ? poundsAndPence : wholePounds).format(Math.abs(amount));
  return `${amount < 0 ? "−" : ""}${label.endsWith("£") ? label : `${label} `}${digits}`;
}

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });

/** A date as every view shows it: "2 December 2026". */
export function dateText(date: string): string {
  return longDate.format(/^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : new Date(date));
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A period as people say it, worked out here: "April 2026", "April to June 2026", "2026". */
export function periodWords(period: string): string {
  const year = period.slice(0, 4);
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return `${MONTHS[(Number(quarter[1]) - 1) * 3]} to ${MONTHS[(Number(quarter[1]) - 1) * 3 + 2]} ${year}`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${MONTHS[Number(period.slice(5)) - 1]} ${year}`;
  return year;
}

/** The words a control is described by (its field's hint and message). */
export function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
      .join(" "),
  );
}
