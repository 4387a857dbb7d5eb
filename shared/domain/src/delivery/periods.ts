// Reporting periods in UK time: months (2026-03), calendar quarters (2026-Q1) and calendar years
// (2026), each with a due date a set number of days after its end.
import type { FieldError } from "../field-error.js";
import type { KpiFrequency, PeriodInfo } from "./model.js";

/** A period's frequency and first and last days (YYYY-MM-DD), or undefined when it is not a period id. */
export function parsePeriod(period: string): { frequency: KpiFrequency; startDate: string; endDate: string } | undefined {
  throw new Error("Not implemented yet: parsePeriod");
}

/** The period of a frequency a date (YYYY-MM-DD, UK time) falls in. */
export function periodOf(date: string, frequency: KpiFrequency): string {
  throw new Error("Not implemented yet: periodOf");
}

/** A valid period id with its dates and due date. */
export function periodInfo(period: string, dueDays: number): PeriodInfo {
  throw new Error("Not implemented yet: periodInfo");
}

/** Every period of a frequency that overlaps the contract's term, in order. */
export function contractPeriods(contract: { startDate: string; endDate: string }, frequency: KpiFrequency, dueDays: number): PeriodInfo[] {
  throw new Error("Not implemented yet: contractPeriods");
}

/** What is wrong with a period for a KPI of this frequency on this contract (field "period"), if anything. */
export function periodError(contract: { startDate: string; endDate: string }, frequency: KpiFrequency, period: string): FieldError | undefined {
  throw new Error("Not implemented yet: periodError");
}

/** A date (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  throw new Error("Not implemented yet: addDays");
}

/** The first moment of a UK day, with its offset: "2026-04-01T00:00:00+01:00". */
export function ukDayStart(date: string): string {
  throw new Error("Not implemented yet: ukDayStart");
}

/** The last second of a UK day, with its offset: "2026-04-30T23:59:59+01:00". */
export function ukDayEnd(date: string): string {
  throw new Error("Not implemented yet: ukDayEnd");
}
