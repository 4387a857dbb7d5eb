// The annual social value report for the Cabinet Member, from the lines every £ traces to.
import { hasRole, socialValueLines, socialValueReport, ukDate, yearRange, type Principal, type SocialValueReport, type YearType } from "@toms/domain";
import type { AppDeps } from "../deps.js";
import { forbidden, succeeded, type Outcome } from "../outcome.js";
import { scopedContracts } from "./scoped-contracts.js";

export interface ReportRequest {
  /** The year (a financial year by its first April); the last complete one when not given. */
  year?: number;
  yearType: YearType;
}

/** The last year of the type that has ended by today. */
export function lastCompleteYear(today: string, yearType: YearType): number {
  const year = Number(today.slice(0, 4));
  for (const candidate of [year, year - 1, year - 2]) if (yearRange(candidate, yearType).to < today) return candidate;
  return year - 2;
}

/**
 * Committed against delivered social value in the year, with the year before beside it, by
 * theme, outcome, measure, contract, supplier and service area; for procurement officers,
 * evaluators, and contract managers (their own contracts). Every figure is a sum of its lines.
 *
 * @example
 * const outcome = await buildSocialValueReport(deps, admin, { year: 2025, yearType: "financial" });
 */
export async function buildSocialValueReport(deps: AppDeps, caller: Principal, request: ReportRequest): Promise<Outcome<SocialValueReport>> {
  if (!hasRole(caller, "admin", "evaluator", "contract-manager")) return forbidden("Only the council's staff can see the social value report.");
  const contracts = (await scopedContracts(deps, caller)) ?? [];
  const summaries = new Map((await deps.storage.delivery.summaries()).map((s) => [s.contractId, s]));
  const suppliers = await deps.storage.suppliers.all();
  const lines = contracts.flatMap((contract) => socialValueLines(contract, summaries.get(contract.id), deps.delivery.dueDays));
  const year = request.year ?? lastCompleteYear(ukDate(deps.now()), request.yearType);
  return succeeded(
    socialValueReport(lines, {
      year,
      yearType: request.yearType,
      moneyLabel: deps.moneyLabel,
      generatedAt: deps.now().toISOString(),
      supplierNames: Object.fromEntries(suppliers.map((s) => [s.id, s.name])),
      contractTitles: Object.fromEntries(contracts.map((c) => [c.id, c.title])),
    }),
  );
}
