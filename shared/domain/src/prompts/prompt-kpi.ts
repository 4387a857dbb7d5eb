// What an update card shows of its KPI, so the reporter sees what is expected beside what they type.
import type { KpiRecord, KpiReview, KpiUpdateRecord } from "../delivery/model.js";
import { targetFor } from "../delivery/kpis.js";
import { periodStartDate } from "../delivery/periods.js";
import { updateViews } from "../delivery/updates.js";
import type { PromptKpi } from "./model.js";

/**
 * The KPI's unit and direction, its target for `period`, and the latest value sent for an earlier
 * period that was not rejected (an accepted one, or one waiting for review).
 */
export function promptKpi(kpi: KpiRecord, period: string, updates: readonly KpiUpdateRecord[], reviews: readonly KpiReview[]): PromptKpi {
  const start = periodStartDate(period);
  const earlier = updateViews(updates.filter((u) => u.kpiId === kpi.id && periodStartDate(u.period) < start), reviews).filter((u) => u.status !== "rejected");
  // updateViews sorts by period, then revision: the last is the latest.
  const last = earlier[earlier.length - 1];
  return { unit: kpi.unit, direction: kpi.direction, target: targetFor(kpi, period).target, ...(last ? { lastValue: { value: last.value, period: last.period } } : {}) };
}
