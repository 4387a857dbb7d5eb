// What the KPI forms send: a new KPI (KpiInput) and a new target from a period on (KpiPatch),
// from the fields as typed. Only what cannot be sent at all (a figure that is not a number) is
// said here; everything else goes to the service as typed, and its messages show by the fields.
import type { KpiInput, KpiPatch } from "@toms/client";
import type { KpiDirection, KpiFrequency, KpiReporter } from "@toms/domain";

/** The "Add a KPI" form's fields, as typed. */
export interface KpiFields {
  title: string;
  description: string;
  unit: string;
  target: string;
  /** Blank: 10% of the target. */
  tolerance: string;
  direction: KpiDirection;
  frequency: KpiFrequency;
  reporter: KpiReporter;
}

export const EMPTY_KPI_FIELDS: KpiFields = { title: "", description: "", unit: "", target: "", tolerance: "", direction: "higher", frequency: "monthly", reporter: "supplier" };

/** A problem the form found itself, by the field the service would name. */
export type FormProblems = Partial<Record<"target" | "tolerance", string>>;

export type Formed<T> = { ok: true; value: T } | { ok: false; problems: FormProblems };

/**
 * A figure as a person types it ("98", "97.5", "1,250", " -2 "): the number, null when blank,
 * or undefined when it is not a number.
 */
export function parseFigure(text: string): number | null | undefined {
  const plain = text.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (plain === "") return null;
  if (!/^[-+−]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return undefined;
  return Number(plain.replace("−", "-"));
}

const NOT_A_NUMBER = "Must be a number, such as 98 or 97.5.";

/** The new KPI to send, or why it cannot be sent (a figure that is not a number, or no target). */
export function kpiInputOf(fields: KpiFields): Formed<KpiInput> {
  const target = parseFigure(fields.target);
  const tolerance = parseFigure(fields.tolerance);
  const problems: FormProblems = {};
  if (target === null) problems.target = "Give the target: the value the supplier should reach each period.";
  if (target === undefined) problems.target = NOT_A_NUMBER;
  if (tolerance === undefined) problems.tolerance = NOT_A_NUMBER;
  if (target === null || target === undefined || tolerance === undefined) return { ok: false, problems };
  // Titles and units go as typed: the service says when one is blank or too long.
  return {
    ok: true,
    value: {
      title: fields.title,
      unit: fields.unit,
      target,
      direction: fields.direction,
      frequency: fields.frequency,
      reporter: fields.reporter,
      ...(tolerance === null ? {} : { tolerance }),
      ...(fields.description.trim() ? { description: fields.description } : {}),
    },
  };
}

/** The "Change the target" form's fields, as typed. */
export interface TargetFields {
  target: string;
  /** Blank: 10% of the new target. */
  tolerance: string;
  /** The first period the new target applies to, e.g. "2026-04". */
  fromPeriod: string;
}

/** The change to send: the target and tolerance from the period on (a blank tolerance is 10% of the target). */
export function targetChangeOf(fields: TargetFields): Formed<KpiPatch> {
  const target = parseFigure(fields.target);
  const tolerance = parseFigure(fields.tolerance);
  const problems: FormProblems = {};
  if (target === null) problems.target = "Give the new target.";
  if (target === undefined) problems.target = NOT_A_NUMBER;
  if (tolerance === undefined) problems.tolerance = NOT_A_NUMBER;
  if (target === null || target === undefined || tolerance === undefined) return { ok: false, problems };
  return { ok: true, value: { target, tolerance, fromPeriod: fields.fromPeriod } };
}

/** A figure as the form shows it to be changed: "97.5"; blank for none. */
export function figureText(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}
