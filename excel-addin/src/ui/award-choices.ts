// What the Award step offers and shows, worked out from the register and the scored workbook: the
// contract picker's groups and order, the new contract's prefill, the summary's figures, money in
// the configured label, and which control a refusal belongs to. The rules are the domain's.
import { committedTotal, errorIssues, sameOrganisationName, winnerCommitments, type AwardContractInput, type FieldError, type Issue, type ScoredWorkbook, type SupplierDetail } from "@toms/domain";
import type { Contract, SupplierSummary } from "../api/client.js";

export interface ContractChoice {
  contract: Contract;
  /** What the picker shows and searches: "CCC-101 Parks maintenance". */
  text: string;
  supplierName: string;
  /** Why it is not an obvious choice ("awarded from T-9", "with Alpha Ltd"); empty when it is. */
  note: string;
}

/** The winner's unawarded contracts, then every other contract (marked), each sorted by reference. */
export interface ContractChoices {
  winners: ContractChoice[];
  others: ContractChoice[];
}

const byReference = (a: ContractChoice, b: ContractChoice) => a.contract.reference.localeCompare(b.contract.reference, "en-GB", { numeric: true, sensitivity: "base" });

export function contractChoices(contracts: readonly Contract[], suppliers: readonly SupplierSummary[], bidder: string): ContractChoices {
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const winners: ContractChoice[] = [];
  const open: ContractChoice[] = [];
  const awarded: ContractChoice[] = [];
  for (const contract of contracts) {
    const supplierName = names.get(contract.supplierId) ?? "a supplier not in the register";
    const theirs = sameOrganisationName(supplierName, bidder);
    const text = `${contract.reference} ${contract.title}`;
    if (contract.award) awarded.push({ contract, text, supplierName, note: `awarded from ${contract.award.evaluationReference}` });
    else if (theirs) winners.push({ contract, text, supplierName, note: "" });
    else open.push({ contract, text, supplierName, note: `with ${supplierName}` });
  }
  return { winners: winners.sort(byReference), others: [...open.sort(byReference), ...awarded.sort(byReference)] };
}

/** The choices whose text, note or supplier hold every word of the query (any case). */
export function filterChoices(choices: readonly ContractChoice[], query: string): ContractChoice[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return choices.filter((c) => {
    const haystack = `${c.text} ${c.note} ${c.supplierName}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The register's suppliers named as the bidder is (the award's name rule). */
export function suppliersNamed(suppliers: readonly SupplierSummary[], bidder: string): SupplierSummary[] {
  return suppliers.filter((s) => sameOrganisationName(s.name, bidder));
}

/** The register's suppliers sorted by name, for choosing one by hand. */
export function suppliersByName(suppliers: readonly SupplierSummary[]): SupplierSummary[] {
  return [...suppliers].sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }));
}

const DETAIL_WORDS: Record<SupplierDetail, string> = { postcode: "postcode", employees: "headcount", turnover: "turnover", balanceSheet: "balance sheet" };

/** What procurement has still to complete of a supplier, as a sentence ("Procurement has still to
 * complete its postcode and headcount."), or "" when nothing. */
export function detailsToCompleteText(supplier: SupplierSummary): string {
  const words = supplier.detailsToComplete.map((detail) => DETAIL_WORDS[detail]);
  if (words.length === 0) return "";
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
  return `Procurement has still to complete its ${list}.`;
}

/** A new contract's fields as the pane edits them: text, until they are sent. */
export type ContractDraft = Record<Exclude<keyof AwardContractInput, "description" | "managerName" | "department">, string>;

export const CONTRACT_FIELDS: { key: keyof ContractDraft; label: string }[] = [
  { key: "reference", label: "Reference" },
  { key: "title", label: "Title" },
  { key: "category", label: "Category" },
  { key: "serviceArea", label: "Service area" },
  { key: "value", label: "Value (£, including VAT)" },
  { key: "startDate", label: "Start date" },
  { key: "endDate", label: "End date" },
  { key: "managerId", label: "Contract manager (user id)" },
];

/** The new contract prefilled from the tender (reference, title) and the winner's price (value). */
export function contractDraft(scored: ScoredWorkbook, bidder: string): ContractDraft {
  const { tender, bidders } = scored.evaluation;
  const price = bidders.find((b) => b.name === bidder)?.price;
  return { reference: tender.reference, title: tender.title ?? "", category: "", serviceArea: "", value: price != null ? String(price) : "", startDate: "", endDate: "", managerId: "" };
}

/** The draft as the service takes it, or a message by each field still to fill in. */
export function contractFromDraft(draft: ContractDraft): { ok: true; contract: AwardContractInput } | { ok: false; missing: Partial<Record<keyof ContractDraft, string>> } {
  const missing: Partial<Record<keyof ContractDraft, string>> = {};
  for (const { key, label } of CONTRACT_FIELDS) if (draft[key].trim() === "") missing[key] = `Fill in the ${label.replace(/ \(.*\)$/, "").toLowerCase()}.`;
  const value = Number(draft.value.replace(/[£,\s]/g, ""));
  if (!missing.value && !Number.isFinite(value)) missing.value = "Write the value in pounds, for example 250000.";
  if (Object.keys(missing).length > 0) return { ok: false, missing };
  return {
    ok: true,
    contract: {
      reference: draft.reference.trim(),
      title: draft.title.trim(),
      category: draft.category as AwardContractInput["category"],
      serviceArea: draft.serviceArea,
      value,
      startDate: draft.startDate,
      endDate: draft.endDate,
      managerId: draft.managerId.trim(),
    },
  };
}

/** What the summary states before the award: the winner's commitments, their total, and the Error-level issues still open. */
export function awardFigures(scored: ScoredWorkbook, bidder: string): { commitments: number; total: number; errors: Issue[] } {
  const index = scored.evaluation.bidders.findIndex((b) => b.name === bidder);
  const commitments = index < 0 ? [] : winnerCommitments(scored.evaluation, index);
  return { commitments: commitments.length, total: committedTotal(commitments), errors: errorIssues(scored.issues) };
}

/** The issues the workbook reader found (the service scores again and finds its own). */
export function workbookIssues(scored: ScoredWorkbook): Issue[] {
  const scoring = new Set(scored.result.issues);
  return scored.issues.filter((i) => !scoring.has(i));
}

const amount = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount in the configured money unit: "Coventry £350.00"; a label that ends in a word gets a space ("10.00 SV points" reads "SV points 10.00"). */
export function moneyText(label: string, value: number): string {
  return /\p{Sc}$/u.test(label) ? `${label}${amount.format(value)}` : `${label} ${amount.format(value)}`;
}

/** The controls of the Award step a refusal can point at. */
export type AwardControl = "bidder" | "contract" | "supplier" | "issues" | keyof ContractDraft;

const CONTROLS: Record<string, { control: AwardControl; subject: string }> = {
  bidder: { control: "bidder", subject: "This bidder" },
  contractId: { control: "contract", subject: "This contract" },
  supplierId: { control: "supplier", subject: "The supplier" },
  issuesReviewed: { control: "issues", subject: "Your review" },
  ...Object.fromEntries(CONTRACT_FIELDS.map(({ key, label }) => [`contract.${key}`, { control: key, subject: `The ${label.replace(/ \(.*\)$/, "").toLowerCase()}` }])),
};

/** The service's field messages, each as a sentence by its control; the rest stay with the Award button. */
export function placeProblems(fields: readonly FieldError[]): { byControl: Partial<Record<AwardControl, string>>; rest: FieldError[] } {
  const byControl: Partial<Record<AwardControl, string>> = {};
  const rest: FieldError[] = [];
  for (const field of fields) {
    const place = CONTROLS[field.field];
    if (!place) rest.push(field);
    else byControl[place.control] = `${place.subject} ${field.message.replace(/\.$/, "")}.`;
  }
  return { byControl, rest };
}
