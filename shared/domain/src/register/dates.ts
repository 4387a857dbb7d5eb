/** The council works in UK time: "today" is the date in Europe/London, as YYYY-MM-DD. */
export function ukDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}
