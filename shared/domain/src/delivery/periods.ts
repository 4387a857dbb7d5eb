// Reporting periods in UK time: months (2026-03), calendar quarters (2026-Q1) and calendar years
// (2026), each with a due date a set number of days after its end.
import type { FieldError } from "../field-error.js";
import type { KpiFrequency, PeriodInfo } from "./model.js";

const DAY_MS = 86_400_000;

/** The UK wall clock at an instant, to the second: the offset is wall clock minus UTC. */
const UK_CLOCK = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const PERIOD_FORMATS: Record<KpiFrequency, string> = {
  monthly: "a month written as YYYY-MM, e.g. 2026-03",
  quarterly: "a quarter written as YYYY-Qn, e.g. 2026-Q1",
  annual: "a year written as YYYY, e.g. 2026",
};

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function utcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The last day of a month (1-12): day 0 of the next month. */
function monthEnd(year: number, month: number): string {
  return isoDay(Date.UTC(year, month, 0));
}

/** A period's frequency and first and last days (YYYY-MM-DD), or undefined when it is not a period id. */
export function parsePeriod(period: string): { frequency: KpiFrequency; startDate: string; endDate: string } | undefined {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    return { frequency: "monthly", startDate: `${month[1]}-${month[2]}-01`, endDate: monthEnd(year, m) };
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const year = Number(quarter[1]);
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return { frequency: "quarterly", startDate: `${quarter[1]}-${pad(first)}-01`, endDate: monthEnd(year, first + 2) };
  }
  if (/^\d{4}$/.test(period)) return { frequency: "annual", startDate: `${period}-01-01`, endDate: `${period}-12-31` };
  return undefined;
}

/** A period's first day (YYYY-MM-DD), which orders periods; throws for what is not a period id (ids are checked as they are stored). */
export function periodStartDate(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) throw new Error(`Not a period: ${period}`);
  return parsed.startDate;
}

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/**
 * A period as people read it: the month "2026-03" is "March 2026", the quarter "2026-Q1"
 * "January to March 2026", and the calendar year "2026" is "2026". What is not a period id is
 * shown as it is.
 */
export function periodLabel(period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  const year = period.slice(0, 4);
  const month = (date: string) => MONTH_NAMES[Number(date.slice(5, 7)) - 1] as string;
  if (parsed.frequency === "monthly") return `${month(parsed.startDate)} ${year}`;
  if (parsed.frequency === "quarterly") return `${month(parsed.startDate)} to ${month(parsed.endDate)} ${year}`;
  return year;
}

/**
 * The `count` calendar quarters up to and including the one `today` (YYYY-MM-DD) falls in,
 * oldest first: quartersTo("2026-05-03", 3) is ["2025-Q4", "2026-Q1", "2026-Q2"].
 */
export function quartersTo(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const index = Math.ceil(Number(today.slice(5, 7)) / 3) - 1;
  const quarters: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const at = year * 4 + index - back;
    quarters.push(`${Math.floor(at / 4)}-Q${(at % 4) + 1}`);
  }
  return quarters;
}

/** The period of a frequency a date (YYYY-MM-DD, UK time) falls in. */
export function periodOf(date: string, frequency: KpiFrequency): string {
  const year = date.slice(0, 4);
  if (frequency === "monthly") return date.slice(0, 7);
  if (frequency === "quarterly") return `${year}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
  return year;
}

/** A valid period id with its dates and due date. */
export function periodInfo(period: string, dueDays: number): PeriodInfo {
  const parsed = parsePeriod(period);
  if (!parsed) throw new Error(`Not a period: ${period}`);
  return { period, startDate: parsed.startDate, endDate: parsed.endDate, due: addDays(parsed.endDate, dueDays) };
}

/** Terms seen, with their periods: every dashboard works out the same contracts' periods again. */
const TERM_PERIODS = new Map<string, readonly PeriodInfo[]>();
const TERM_PERIODS_KEPT = 20_000;

/** Every period of a frequency that overlaps the contract's term, in order (each frozen: they are shared between callers). */
export function contractPeriods(contract: { startDate: string; endDate: string }, frequency: KpiFrequency, dueDays: number): PeriodInfo[] {
  const key = `${contract.startDate} ${contract.endDate} ${frequency} ${dueDays}`;
  const known = TERM_PERIODS.get(key);
  if (known) return [...known];
  const periods: PeriodInfo[] = [];
  for (let info = periodInfo(periodOf(contract.startDate, frequency), dueDays); info.startDate <= contract.endDate; ) {
    periods.push(Object.freeze(info));
    info = periodInfo(periodOf(addDays(info.endDate, 1), frequency), dueDays);
  }
  if (TERM_PERIODS.size >= TERM_PERIODS_KEPT) TERM_PERIODS.clear();
  TERM_PERIODS.set(key, Object.freeze([...periods]));
  return periods;
}

/** What is wrong with a period for a KPI of this frequency on this contract (field "period"), if anything. */
export function periodError(contract: { startDate: string; endDate: string }, frequency: KpiFrequency, period: string): FieldError | undefined {
  const parsed = parsePeriod(period);
  if (!parsed || parsed.frequency !== frequency) return { field: "period", message: `must be ${PERIOD_FORMATS[frequency]}` };
  if (parsed.endDate < contract.startDate || parsed.startDate > contract.endDate) {
    return { field: "period", message: `${period} is outside the contract (${contract.startDate} to ${contract.endDate})` };
  }
  return undefined;
}

/** A date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  return isoDay(utcMs(date) + days * DAY_MS);
}

/** The same day a year later; 29 February becomes 28 February. */
/** Whole days from one date (YYYY-MM-DD) to another: negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

export function addYear(date: string): string {
  const year = Number(date.slice(0, 4)) + 1;
  const monthDay = date.slice(5);
  const next = `${year}-${monthDay}`;
  return monthDay === "02-29" && isoDay(utcMs(next)) !== next ? `${year}-02-28` : next;
}

/** The UK offset (ms ahead of UTC) at an instant of whole seconds. */
function ukOffsetAt(ms: number): number {
  const parts = Object.fromEntries(UK_CLOCK.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - ms;
}

/** A UK wall-clock time of a day, with the offset in force then: "2026-04-01T00:00:00+01:00". */
function ukMoment(date: string, time: string, secondsIntoDay: number): string {
  const wall = utcMs(date) + secondsIntoDay * 1000;
  // The clocks change at 01:00 UTC, never at midnight or 23:59:59 UK time: the offset found at
  // the wall time read as UTC, checked once at the instant it gives, is the one in force.
  const offset = ukOffsetAt(wall - ukOffsetAt(wall));
  const minutes = offset / 60_000;
  const sign = minutes < 0 ? "-" : "+";
  return `${date}T${time}${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** The first moment of a UK day, with its offset: "2026-04-01T00:00:00+01:00". */
export function ukDayStart(date: string): string {
  return ukMoment(date, "00:00:00", 0);
}

/** The last second of a UK day, with its offset: "2026-04-30T23:59:59+01:00". */
export function ukDayEnd(date: string): string {
  return ukMoment(date, "23:59:59", 86_399);
}
