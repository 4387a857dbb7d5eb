// Money in the configured label and dates in UK format, the same on every view.
import { RATINGS, type RatingId } from "@toms/domain";

const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const exactMoney = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const number = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const dateTime = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

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

/** A rating's statutory name, e.g. "Approaching target"; "Not yet rated" for none. */
export function ratingLabel(rating: RatingId | null | undefined): string {
  return RATINGS.find((r) => r.id === rating)?.label ?? "Not yet rated";
}
