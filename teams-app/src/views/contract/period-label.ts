// A period as people say it ("March 2026"). A stand-in until periodLabel comes to @toms/domain
// from the API branch: then this file goes and the views import that one.
import { parsePeriod } from "@toms/domain";

const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const monthOnly = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** "March 2026", "January to March 2026", "2026"; the id itself when it is not a period. */
export function periodLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  const start = new Date(`${parsed.startDate}T00:00:00Z`);
  if (parsed.frequency === "monthly") return month.format(start);
  if (parsed.frequency === "quarterly") return `${monthOnly.format(start)} to ${month.format(new Date(`${parsed.endDate}T00:00:00Z`))}`;
  return period;
}
