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

type TemplateKpi = KpiTemplate["kpis"][number];

/** A template KPI: reported by the supplier each month, higher being better, unless said otherwise (the common case in service contracts). */
function templateKpi(title: string, unit: string, target: number, tolerance: number, description: string, more: Partial<TemplateKpi> = {}): TemplateKpi {
  return { title, unit, target, tolerance, description, direction: "higher", frequency: "monthly", reporter: "supplier", ...more };
}

/**
 * The templates shipped with the suite, from UK council contract practice. A target of 0 (no
 * incidents) carries its own tolerance, since 10% of 0 would leave no room for "approaching".
 */
export const BUILT_IN_KPI_TEMPLATES: readonly KpiTemplate[] = [
  {
    id: "builtin-waste",
    name: "Waste collection",
    sector: "waste",
    description: "Household waste and recycling collection: reliability of collections, recycling performance and safety.",
    builtIn: true,
    kpis: [
      templateKpi("Missed bin collections per 100,000", "per 100,000 collections", 50, 10, "Collections reported missed and confirmed as missed, per 100,000 scheduled collections.", { direction: "lower" }),
      templateKpi("Missed collections put right by the end of the next working day", "%", 95, 3, "Share of confirmed missed collections collected by the end of the next working day."),
      templateKpi("Household waste sent for reuse, recycling or composting", "%", 50, 3, "Tonnage sent for reuse, recycling or composting as a share of household waste collected (as reported to WasteDataFlow).", { frequency: "quarterly" }),
      templateKpi("Contamination of dry recycling", "%", 10, 2, "Share of dry recycling rejected at the materials recovery facility as contaminated, by weight.", { direction: "lower", frequency: "quarterly" }),
      templateKpi("Assisted collections missed", "collections", 5, 2, "Missed collections for residents on the assisted collection list.", { direction: "lower" }),
      templateKpi("RIDDOR-reportable incidents", "incidents", 0, 1, "Injuries, diseases and dangerous occurrences reportable to the HSE under RIDDOR 2013.", { direction: "lower", frequency: "quarterly" }),
    ],
  },
  {
    id: "builtin-fm",
    name: "Facilities management",
    sector: "fm",
    description: "Hard and soft facilities management of council buildings: repairs, planned maintenance, statutory compliance and cleaning.",
    builtIn: true,
    kpis: [
      templateKpi("Reactive repairs completed within SLA", "%", 95, 3, "Reactive repair jobs completed within the response time for their priority in the contract."),
      templateKpi("Emergency call-outs attended within 2 hours", "%", 98, 2, "Emergency jobs (risk to health, safety or security) with an engineer on site within 2 hours of the call."),
      templateKpi("Planned preventive maintenance completed on schedule", "%", 95, 3, "Planned maintenance tasks due in the month and completed in it."),
      templateKpi("Statutory compliance certificates in date", "%", 100, 2, "Gas, electrical (EICR), fire, lift and water hygiene (legionella) certificates current across the estate."),
      templateKpi("Cleaning audit score", "%", 90, 5, "Average score of the council's monthly cleaning audits against the specification.", { reporter: "manager" }),
      templateKpi("Helpdesk users satisfied", "%", 85, 5, "Share of building users rating the helpdesk service satisfied or very satisfied in the quarterly survey.", { frequency: "quarterly", reporter: "manager" }),
    ],
  },
  {
    id: "builtin-social-care",
    name: "Home care (adult social care)",
    sector: "social-care",
    description: "Home care and support for adults: punctual, reliable visits by trained care workers, in a service CQC rates well.",
    builtIn: true,
    kpis: [
      templateKpi("Care visits started within 30 minutes of the planned time", "%", 95, 3, "Visits whose electronic call monitoring shows a start within 30 minutes of the time in the care plan."),
      templateKpi("Missed care visits per 1,000", "per 1,000 visits", 1, 0.5, "Planned visits that did not take place, per 1,000 planned visits.", { direction: "lower" }),
      templateKpi("New care workers completing the Care Certificate within 12 weeks", "%", 100, 5, "Care workers starting in the quarter who completed the Care Certificate within 12 weeks of starting.", { frequency: "quarterly" }),
      templateKpi("Safeguarding concerns referred within 24 hours", "%", 100, 2, "Safeguarding concerns raised by staff and referred to the council's adult safeguarding team within 24 hours.", { frequency: "quarterly" }),
      templateKpi(
        "CQC overall rating",
        "score (4 Outstanding to 1 Inadequate)",
        3,
        0.5,
        "The Care Quality Commission's overall rating of the service as a score (4 Outstanding, 3 Good, 2 Requires improvement, 1 Inadequate): Good or better meets the target.",
        { frequency: "annual", reporter: "manager" },
      ),
      templateKpi("People satisfied with their care", "%", 90, 5, "Share of people receiving care who say they are satisfied or very satisfied in the annual survey.", { frequency: "annual", reporter: "manager" }),
    ],
  },
  {
    id: "builtin-construction",
    name: "Construction works",
    sector: "construction",
    description: "Building and civil engineering works: safety on site, progress to programme, waste and fair payment of the supply chain.",
    builtIn: true,
    kpis: [
      templateKpi("RIDDOR-reportable incidents", "incidents", 0, 1, "Injuries, diseases and dangerous occurrences on site reportable to the HSE under RIDDOR 2013.", { direction: "lower" }),
      templateKpi("Accident frequency rate", "per 100,000 hours worked", 0.1, 0.05, "RIDDOR-reportable accidents per 100,000 hours worked on site.", { direction: "lower", frequency: "quarterly" }),
      templateKpi("Programme milestones achieved on time", "%", 90, 5, "Milestones in the agreed programme achieved by their planned date.", { reporter: "manager" }),
      templateKpi("Construction waste diverted from landfill", "%", 90, 5, "Site waste reused, recycled or recovered, by weight, as recorded in the site waste management plan.", { frequency: "quarterly" }),
      templateKpi("Subcontractors paid within 30 days", "%", 95, 3, "Subcontractor invoices paid within 30 days of receipt, as the Procurement Act 2023 requires down the supply chain.", { frequency: "quarterly" }),
      templateKpi("Considerate Constructors Scheme score", "points (out of 50)", 40, 3, "The site's score at its latest Considerate Constructors Scheme monitoring visit.", { frequency: "quarterly" }),
    ],
  },
  {
    id: "builtin-highways",
    name: "Highways maintenance",
    sector: "highways",
    description: "Highway maintenance and street lighting: making defects safe and repaired in time, inspections and the winter service.",
    builtIn: true,
    kpis: [
      templateKpi("Category 1 potholes made safe within 24 hours", "%", 98, 2, "Category 1 (emergency) defects made safe within 24 hours of being reported or found."),
      templateKpi("Category 2 defects repaired within 28 days", "%", 90, 5, "Category 2 (non-emergency) defects permanently repaired within 28 days."),
      templateKpi("Street lights repaired within 5 working days", "%", 95, 3, "Street light faults within the contractor's control repaired within 5 working days."),
      templateKpi("Safety inspections completed on schedule", "%", 100, 2, "Highway safety inspections carried out within the frequency set by the council's highway maintenance plan."),
      templateKpi("Precautionary gritting runs completed within 3 hours", "%", 100, 2, "Winter service gritting runs completed within 3 hours of the decision to treat (reported October to April).", { frequency: "quarterly" }),
    ],
  },
  {
    id: "builtin-ict",
    name: "ICT managed service",
    sector: "ict",
    description: "Managed ICT services: availability, incident resolution, service desk and security patching.",
    builtIn: true,
    kpis: [
      templateKpi("Service availability in core hours", "%", 99.9, 0.2, "Time the service is available in core hours (08:00 to 18:00, Monday to Friday), excluding agreed maintenance windows."),
      templateKpi("Priority 1 incidents resolved within 4 hours", "%", 95, 3, "Priority 1 (critical service loss) incidents resolved within 4 hours of being logged."),
      templateKpi("Priority 2 incidents resolved within 8 hours", "%", 90, 5, "Priority 2 (major degradation) incidents resolved within 8 working hours of being logged."),
      templateKpi("Service desk first-time fix rate", "%", 70, 5, "Service desk calls resolved at the first contact, without being passed on."),
      templateKpi("Critical security patches applied within 14 days", "%", 100, 2, "Critical and high-risk security updates applied within 14 days of release, as Cyber Essentials requires."),
      templateKpi("Users satisfied with the service desk", "%", 85, 5, "Share of users rating a closed ticket satisfied or very satisfied.", { frequency: "quarterly", reporter: "manager" }),
    ],
  },
];
