// Dates and times in UK time, as the council reads them. One formatter each for every call:
// building an Intl.DateTimeFormat is costly, and ukDate runs per contract in lists.
const UK_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const UK_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** The council works in UK time: "today" is the date in Europe/London, as YYYY-MM-DD. */
export function ukDate(at: Date): string {
  return UK_DATE.format(at);
}

/**
 * A moment for a message, to the minute in UK time: "2026-03-03 14:02 (UK time)".
 * @example ukDateTime(new Date("2026-07-01T13:02:00Z")) // "2026-07-01 14:02 (UK time)"
 */
export function ukDateTime(at: Date): string {
  return `${UK_DATE.format(at)} ${UK_TIME.format(at)} (UK time)`;
}
