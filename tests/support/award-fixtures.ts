// A small catalogue whose numbers are easy to check by hand, and tenders scored with it: what the
// award tests submit and award.
import { expect } from "vitest";
import type { TestService } from "./service.js";

/** Publishes a fresh test catalogue version (T-1 £100 per FTE year, T-2 £10 per hour, T-3 record only). */
export async function publishTestCatalogue(service: TestService, adminToken: string): Promise<{ version: string; csv: string }> {
  const version = `TEST-${crypto.randomUUID().slice(0, 6)}`;
  const csv = [
    "Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source",
    `${version},T-1,Economic,Jobs,Local people employed,FTE years,100,Test value`,
    `${version},T-2,Social,Community,Volunteering,hours,10,Test value`,
    `${version},T-3,Environmental,Policy,Environmental policy in place,yes/no,,Record only: not monetised`,
  ].join("\r\n");
  const published = await service.call("/api/catalogue", { method: "POST", token: adminToken, body: csv, headers: { "content-type": "text/csv" } });
  expect(published.status).toBe(201);
  return { version, csv };
}

/**
 * A tender of three bidders. Social value: Alpha 2x100 + 10x10 = 300; Beta 1x100 + 50x10x50% =
 * 350; Gamma 5x10 = 50 (T-3 is record only).
 */
export function tenderSubmission(version: string, overrides: { reference?: string; bidders?: unknown; commitments?: unknown; workbookIssues?: unknown } = {}) {
  return {
    tender: { reference: overrides.reference ?? "CCC-T-100", title: "Parks maintenance", catalogueVersion: version, weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value", deliverabilityThreshold: 50 },
    bidders: overrides.bidders ?? [
      { name: "Alpha Ltd", price: 1000, qualitativeScore: 4 },
      { name: "Beta Ltd", price: 2000, qualitativeScore: 5 },
      { name: "Gamma Ltd", price: 500, qualitativeScore: 3 },
    ],
    commitments: overrides.commitments ?? [
      { measure: "T-1", quantities: [2, 1, 0], accepted: [1, 1, 1] },
      { measure: "T-2", quantities: [10, 50, 5], accepted: [1, 0.5, 1] },
      { measure: "T-3", quantities: [1, 0, 3], accepted: [1, 1, 1] },
    ],
    ...(overrides.workbookIssues ? { workbookIssues: overrides.workbookIssues } : {}),
  };
}
