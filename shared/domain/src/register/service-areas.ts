// Service areas (the council's directorates): recorded on every contract, so that social value
// can be compared between services year on year. Configurable; seeded with these.
import { z } from "zod";

/** Coventry City Council's directorates and services, as the demo and a new installation start. */
export const DEFAULT_SERVICE_AREAS: readonly string[] = [
  "Adult Services",
  "Children's Services",
  "Culture, Sport and Events",
  "Economic Development and Regeneration",
  "Education and Skills",
  "Finance and Corporate Services",
  "Housing and Homelessness",
  "ICT and Digital",
  "Legal and Governance",
  "Property Services and Development",
  "Public Health",
  "Streetscene and Regulatory Services",
  "Transportation and Highways",
];

export const serviceAreaInputSchema = z
  .object({ name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters") })
  .strict();
export type ServiceAreaInput = z.output<typeof serviceAreaInputSchema>;
