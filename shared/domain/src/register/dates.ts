// One formatter for every call: building an Intl.DateTimeFormat is costly, and ukDate runs per contract in lists.
const UK_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The council works in UK time: "today" is the date in Europe/London, as YYYY-MM-DD. */
export function ukDate(at: Date): string {
  return UK_DATE.format(at);
}
