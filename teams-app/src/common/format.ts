// Money in the configured label, numbers, dates and periods in UK format, the same on every view;
// and the service's own messages with their dates and periods written the same way.
import { parsePeriod, periodLabel } from "@toms/domain";

const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const exactMoney = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const shortMonth = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });

/**
 * An amount in the council's money label, e.g. "Coventry £1,234,567" (whole pounds), or with
 * pence when `exact`. The label's own "£" is not repeated.
 */
export function formatMoney(amount: number, label: string, exact = false): string {
  const digits = (exact ? exactMoney : money).format(Math.abs(amount));
  const sign = amount < 0 ? "−" : "";
  return label.endsWith("£") ? `${sign}${label}${digits}` : `${sign}${label} ${digits}`;
}

/** A number as a person reads it: "1,234.5". */
export function formatNumber(value: number): string {
  return number.format(value);
}

/** A number in few letters for a chart's axis: "1.2M", "350K". */
export function formatCompact(value: number): string {
  return compact.format(value);
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

/** A YYYY-MM-DD date (or an ISO instant) as "2 December 2026", in UK time. */
export function formatDate(date: string): string {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T12:00:00Z`) : new Date(date);
  return Number.isNaN(at.getTime()) ? date : longDate.format(at);
}

/** An instant as "2 Dec 2026, 10:12", in UK time. */
export function formatDateTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : dateTime.format(date);
}

/**
 * A period short enough for a chart's axis: "Mar 2026", "Jan–Mar 2026", "2026". Quarters by their
 * months, not "Q1", because a council's first quarter is often April to June.
 */
export function shortPeriodLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  const year = period.slice(0, 4);
  const month = (date: string) => shortMonth.format(new Date(`${date}T00:00:00Z`));
  if (parsed.frequency === "monthly") return `${month(parsed.startDate)} ${year}`;
  if (parsed.frequency === "quarterly") return `${month(parsed.startDate)}–${month(parsed.endDate)} ${year}`;
  return year;
}

/** A contract's status as a person writes it at the head of a sentence: "not started" is "Not started". */
export function statusLabel(status: string): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

// A date (2026-04-14) or a month or quarter's period id (2026-03, 2026-Q1) standing on its own in
// a message: not part of a longer run of digits, hyphens or letters such as a reference
// (CCC-2024-037) or an instant (2026-04-14T10:00:00Z).
const DATE_OR_PERIOD = /(?<![\w-])\d{4}-(?:\d{2}-\d{2}|\d{2}|Q[1-4])(?![\w-])/g;

/**
 * A message of the service (a refusal, a finding, a field's problem) with each date and period in
 * it written as every view writes them: "due on 2026-04-14" reads "due on 14 April 2026", and
 * "2026-03 of …" reads "March 2026 of …". The service writes them as ids so that every surface can.
 */
export function inUkWords(message: string): string {
  return message.replace(DATE_OR_PERIOD, (found) => (found.length === 10 ? formatDate(found) : periodLabel(found)));
}
