// Dates and amounts as the council writes them in notices, cards and messages.

const LONG_DATE = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
const AMOUNT = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 4 });

/** "1 April 2025" from YYYY-MM-DD; anything else is given back as it is. */
export function longDate(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? date : LONG_DATE.format(at);
}

/** A target, tolerance or value as a reader sees it: "9.99%", not "9.990000000000002 %"; "50 incidents"; "3" with no unit. */
export function withUnit(value: number, unit: string): string {
  const shown = AMOUNT.format(value);
  return unit === "%" ? `${shown}%` : unit ? `${shown} ${unit}` : shown;
}
