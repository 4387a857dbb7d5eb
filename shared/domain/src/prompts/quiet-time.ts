// When a scheduled pass keeps quiet: evenings, nights and weekends in UK time, as the council sets them.
import type { PromptSettings } from "./model.js";

const UK_TIME = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" });

/** Whether a scheduled pass sends nothing now: quiet hours (UK time), or a weekend when not sending then. */
export function isQuietTime(at: Date, settings: PromptSettings): boolean {
  const parts = Object.fromEntries(UK_TIME.formatToParts(at).map((p) => [p.type, p.value]));
  if (!settings.sendAtWeekends && (parts.weekday === "Sat" || parts.weekday === "Sun")) return true;
  const time = `${parts.hour ?? "00"}:${parts.minute ?? "00"}`;
  const { start, end } = settings.quietHours;
  return start <= end ? time >= start && time < end : time >= start || time < end;
}
