// Dates on the form pages as a supplier in the UK reads them: "31 January 2027", and the time
// when the moment is not the end or start of a day.
const DAY = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true });
const CLOCK = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "31 January 2027" from a date (YYYY-MM-DD) or a moment (ISO 8601), in UK time; anything else as it is. */
export function dayText(iso: string): string {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(at.getTime()) ? iso : DAY.format(at);
}

/**
 * When the questionnaire closes, to follow "until" or "by": "the end of 31 January 2027" for a date,
 * or a moment at midnight or 23:59 UK time (the day is what counts), else "5:00pm on 31 January 2027".
 */
export function closingText(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return `the end of ${dayText(iso)}`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const clock = CLOCK.format(at);
  if (clock === "00:00" || clock === "23:59") {
    // Midnight closes at the end of the day before: "closes 1 February, 00:00" reads as 31 January.
    return `the end of ${DAY.format(clock === "00:00" ? new Date(at.getTime() - 60_000) : at)}`;
  }
  return `${TIME.format(at).replace(/\s/g, "").toLowerCase()} on ${DAY.format(at)}`;
}
