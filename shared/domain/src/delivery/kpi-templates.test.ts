import { describe, expect, it } from "vitest";
import { BUILT_IN_KPI_TEMPLATES, kpiTemplateInputSchema } from "./kpi-templates.js";

describe("the built-in KPI templates", () => {
  it("are one for each of the six sectors, each with a stable id", () => {
    expect(BUILT_IN_KPI_TEMPLATES.map((t) => [t.id, t.sector, t.builtIn])).toEqual([
      ["builtin-waste", "waste", true],
      ["builtin-fm", "fm", true],
      ["builtin-social-care", "social-care", true],
      ["builtin-construction", "construction", true],
      ["builtin-highways", "highways", true],
      ["builtin-ict", "ict", true],
    ]);
  });

  it.each(BUILT_IN_KPI_TEMPLATES.map((t) => [t.id, t] as const))("%s would be accepted as an officer's template, with 4 to 6 KPIs", (_id, template) => {
    const { name, sector, description, kpis } = template;
    const parsed = kpiTemplateInputSchema.safeParse({ name, sector, description, kpis });
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(kpis.length).toBeGreaterThanOrEqual(4);
    expect(kpis.length).toBeLessThanOrEqual(6);
    expect(new Set(kpis.map((k) => k.title)).size).toBe(kpis.length);
  });

  it("give a tolerance to every KPI whose target is 0, where 10% of the target would leave none", () => {
    const zeroTargets = BUILT_IN_KPI_TEMPLATES.flatMap((t) => t.kpis).filter((k) => k.target === 0);
    expect(zeroTargets.length).toBeGreaterThan(0);
    for (const k of zeroTargets) expect(k.tolerance, k.title).toBeGreaterThan(0);
  });
});
