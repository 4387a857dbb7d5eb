// The library of KPI templates a council starts from: waste, facilities management, social care,
// construction, highways and ICT. Procurement officers add their own.
import { z } from "zod";
import { kpiInputSchema } from "./kpis.js";
import type { KpiTemplate } from "./model.js";

export const kpiTemplateInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    sector: z.string().trim().min(1, "is required").max(60, "must be at most 60 characters"),
    description: z.string().trim().max(2000, "must be at most 2,000 characters").default(""),
    kpis: z.array(kpiInputSchema).min(1, "must hold at least one KPI").max(30, "must hold at most 30 KPIs"),
  })
  .strict();
export type KpiTemplateInput = z.output<typeof kpiTemplateInputSchema>;

export const BUILT_IN_KPI_TEMPLATES: readonly KpiTemplate[] = [];
