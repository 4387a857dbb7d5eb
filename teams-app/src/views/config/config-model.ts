// The channel tab's settings: what the tab shows (the whole portfolio, one service area or one
// contract), and what Teams stores for each choice: where the tab opens, its id and its name.
import { NO_SERVICE_AREA, type PortfolioContract } from "@toms/domain";
import type { TabConfiguration } from "../../host/index.js";

/** A contract as the settings offer it. */
export type ContractChoice = Pick<PortfolioContract, "contractId" | "reference" | "title">;

export const CHOICE_KINDS = ["portfolio", "service-area", "contract"] as const;
export type ChoiceKind = (typeof CHOICE_KINDS)[number];

/** What the user has chosen so far: a service area or contract may not be picked yet. */
export type TabChoice = { kind: "portfolio" } | { kind: "service-area"; serviceArea: string | null } | { kind: "contract"; contract: ContractChoice | null };

/** A new choice of kind, keeping nothing of the last (a contract is not an area). */
export function choiceOf(kind: ChoiceKind): TabChoice {
  if (kind === "service-area") return { kind, serviceArea: null };
  if (kind === "contract") return { kind, contract: null };
  return { kind };
}

/**
 * What Teams saves for a complete choice, or null while it is not (a service area or contract
 * still to pick): Save is enabled only with one.
 */
export function configurationOf(choice: TabChoice): TabConfiguration | null {
  if (choice.kind === "portfolio") return { route: "#/", entityId: "portfolio", displayName: "Contract portfolio" };
  if (choice.kind === "service-area") {
    const area = choice.serviceArea?.trim();
    if (!area) return null;
    // encodeURIComponent, not URLSearchParams: "%20" reads as a space to every parser, "+" not to all.
    return { route: `#/?serviceArea=${encodeURIComponent(area)}`, entityId: `service-area:${area}`, displayName: `${area} contracts` };
  }
  if (!choice.contract) return null;
  const { contractId, reference } = choice.contract;
  return { route: `#/contracts/${encodeURIComponent(contractId)}`, entityId: `contract:${contractId}`, displayName: `${reference} contract` };
}

/** A contract as the list names it: "CCC-2024-037 Cemetery and crematorium grounds care". */
export function contractText(contract: ContractChoice): string {
  return `${contract.reference} ${contract.title}`;
}

/** The contracts whose reference or title has every word typed, in any order, whatever the case. */
export function matchContracts<T extends ContractChoice>(contracts: readonly T[], typed: string): T[] {
  const words = typed.toLocaleLowerCase("en-GB").split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...contracts];
  return contracts.filter((c) => {
    const text = contractText(c).toLocaleLowerCase("en-GB");
    return words.every((w) => text.includes(w));
  });
}

/**
 * The service areas to choose from: the council's list and any area the portfolio has that it
 * lacks, by name; never "Not recorded", which is no area a tab could be for.
 */
export function serviceAreaChoices(council: readonly string[], inPortfolio: readonly string[]): string[] {
  const areas = new Set([...council, ...inPortfolio].map((a) => a.trim()).filter((a) => a && a !== NO_SERVICE_AREA));
  return [...areas].sort((a, b) => a.localeCompare(b, "en-GB"));
}
