// A ready evaluation workbook (format v1) for a tender: it scores as generated, and carries
// defaults the evaluator changes.
import { DEFAULT_MONEY_LABEL, measureIndex, type Catalogue, type Measure } from "./catalogue.js";
import type { Cell, Sheet, Workbook } from "./grid.js";
import { LIMITS, limitText } from "./limits.js";
import { DEFAULT_DELIVERABILITY_THRESHOLD } from "./model.js";
import { FORMATS } from "./report.js";
import { BIDDER_HEADERS, COMMITMENT_INFO_HEADERS, MODERATION_HEADERS, SHEETS, TENDER_LABELS } from "./workbook.js";

export const TEMPLATE_DEFAULTS = {
  reference: "TBC",
  weighting: 10,
  quantitativeShare: 50,
  qualitativeMaximum: 5,
  basis: "value",
} as const;

export interface TemplateRequest {
  catalogue: Catalogue;
  /** Measure codes to include, in this order, or "all" for every measure of the catalogue. */
  measures: readonly string[] | "all";
  bidders: readonly string[];
  reference?: string;
  moneyLabel?: string;
}

const text = (value: string): Cell => ({ value });
const head = (value: string): Cell => ({ value, bold: true });

/** Names a bidder column cannot take, because the Commitments sheet reads them as other columns. */
const RESERVED = new Set(["measure", ...COMMITMENT_INFO_HEADERS.map((h) => h.toLowerCase())]);

export function buildTemplate(request: TemplateRequest): { ok: true; workbook: Workbook } | { ok: false; message: string } {
  const { catalogue } = request;
  const moneyLabel = request.moneyLabel ?? catalogue.moneyLabel ?? DEFAULT_MONEY_LABEL;
  const index = measureIndex(catalogue);
  let measures: Measure[];
  if (request.measures === "all") {
    measures = catalogue.measures;
  } else {
    const unknown = request.measures.filter((code) => !index.has(code.trim().toUpperCase()));
    if (unknown.length > 0) return { ok: false, message: `Catalogue version ${catalogue.version} has no measure ${unknown.join(", ")}.` };
    measures = [...new Map(request.measures.map((code) => index.get(code.trim().toUpperCase())).filter((m) => m !== undefined).map((m) => [m.code, m])).values()];
    if (measures.length === 0) return { ok: false, message: "Name at least one measure code (or ask for all measures)." };
  }
  const bidders = request.bidders.map((b) => b.trim()).filter((b) => b !== "");
  if (bidders.length === 0) return { ok: false, message: "Name at least one bidder." };
  const seen = new Set<string>();
  for (const b of bidders) {
    if (seen.has(b.toLowerCase())) return { ok: false, message: `Bidder "${b}" is named twice.` };
    if (RESERVED.has(b.toLowerCase())) return { ok: false, message: `"${b}" cannot be a bidder's name: it is a column heading of the Commitments sheet.` };
    seen.add(b.toLowerCase());
  }

  const tender: Sheet = {
    name: SHEETS.tender,
    columnWidths: [26, 22, 90],
    rows: [
      [head("Setting"), head("Value"), head("What it means")],
      [text(TENDER_LABELS.reference), text(request.reference ?? TEMPLATE_DEFAULTS.reference), text("The tender's reference.")],
      [text(TENDER_LABELS.title), { value: null }, text("Optional: the tender's title.")],
      [text(TENDER_LABELS.catalogueVersion), { value: catalogue.version, numberFormat: "@" }, text("The catalogue version whose proxy values score this tender. Do not change it after bids are in.")],
      [text(TENDER_LABELS.weighting), { value: TEMPLATE_DEFAULTS.weighting, validation: { type: "decimal", minimum: 0, maximum: 100, message: "Marks out of 100, from 0 to 100." } }, text("W: social value marks out of 100.")],
      [text(TENDER_LABELS.quantitativeShare), { value: TEMPLATE_DEFAULTS.quantitativeShare, validation: { type: "decimal", minimum: 0, maximum: 100, message: "A percentage from 0 to 100." } }, text("s: the % of W given to the measured commitments; the rest goes to the qualitative score.")],
      [text(TENDER_LABELS.qualitativeMaximum), { value: TEMPLATE_DEFAULTS.qualitativeMaximum, validation: { type: "decimal", minimum: 0.01, maximum: LIMITS.qualitativeMaximum, message: `The highest qualitative score, above 0 and at most ${limitText(LIMITS.qualitativeMaximum)}.` } }, text("Q: the highest qualitative score an evaluator can give.")],
      [text(TENDER_LABELS.basis), { value: TEMPLATE_DEFAULTS.basis, validation: { type: "list", values: ["value", "percent"], message: 'Choose "value" or "percent".' } }, text('"value": marks follow total social value. "percent": marks follow social value as a share of the tender price (SV add).')],
      [text(TENDER_LABELS.deliverabilityThreshold), { value: DEFAULT_DELIVERABILITY_THRESHOLD, validation: { type: "decimal", minimum: 0, maximum: LIMITS.deliverabilityThreshold, message: `A percentage from 0 to ${limitText(LIMITS.deliverabilityThreshold)}.` } }, text("d: an SV add above this % is flagged so the offer's deliverability is checked.")],
    ],
  };

  const biddersSheet: Sheet = {
    name: SHEETS.bidders,
    columnWidths: [30, 18, 18],
    rows: [
      Object.values(BIDDER_HEADERS).map(head),
      ...bidders.map((name) => [
        text(name),
        { value: null, numberFormat: FORMATS.money, validation: { type: "decimal", minimum: 0, maximum: LIMITS.price, message: `The tender price in £, above 0 and at most £${limitText(LIMITS.price)}.` } } satisfies Cell,
        { value: null, validation: { type: "decimal", minimum: 0, message: "A qualitative score from 0 to the qualitative maximum." } } satisfies Cell,
      ]),
    ],
  };

  const quantity: Cell = { value: null, numberFormat: FORMATS.quantity, validation: { type: "decimal", minimum: 0, maximum: LIMITS.quantity, message: `A quantity from 0 to ${limitText(LIMITS.quantity)}, in the measure's unit, over the whole contract term.` } };
  const commitments: Sheet = {
    name: SHEETS.commitments,
    columnWidths: [12, 60, 16, 16, 18, ...bidders.map(() => 16)],
    rows: [
      [head("Measure"), head("Description"), head("Theme"), head("Unit"), head("Proxy value"), ...bidders.map(head)],
      ...measures.map((m) => [
        text(m.code),
        text(m.name),
        text(m.theme),
        text(m.unit),
        m.proxyValue === null ? text("record only") : { value: m.proxyValue, numberFormat: FORMATS.money },
        ...bidders.map(() => ({ ...quantity })),
      ]),
    ],
  };

  const moderation: Sheet = {
    name: SHEETS.moderation,
    columnWidths: [30, 12, 12, 60],
    rows: [Object.values(MODERATION_HEADERS).map(head)],
  };

  const instructions: Sheet = {
    name: SHEETS.instructions,
    columnWidths: [110],
    rows: [
      `Social value evaluation workbook (format v1), catalogue version ${catalogue.version}`,
      "",
      `1. Tender: check the settings in column B. The defaults (weighting ${TEMPLATE_DEFAULTS.weighting}, quantitative share ${TEMPLATE_DEFAULTS.quantitativeShare}%, qualitative maximum ${TEMPLATE_DEFAULTS.qualitativeMaximum}, basis ${TEMPLATE_DEFAULTS.basis}) are there to be changed.`,
      "2. Bidders: one row per bidder, with the tender price in £ and the qualitative score (0 to the qualitative maximum).",
      "3. Commitments: under each bidder's name, type the quantity the bidder commits to over the whole contract term, in the measure's unit. Leave a cell empty for nothing.",
      `   Value = quantity x proxy value (${moneyLabel} per unit). Record-only measures are recorded but add no value.`,
      "4. Moderation (optional): to accept only part of a commitment, add a row with the bidder, the measure code and the accepted % (0 to 100), with your reason.",
      "5. Score: run `toms score` on this file (or use the Excel add-in). Results and Breakdown sheets are added; every other sheet is left as it is.",
      "",
      "Marks: quantitative = W x s/100 x (the bidder's metric / the best metric), where the metric is the bidder's social value (basis value) or its social value as a share of its tender price, SV add (basis percent); qualitative = W x (100 - s)/100 x score / Q.",
      "Totals within 0.005 of each other share a rank, and the next rank is skipped (1, 1, 3). The TOMs Suite's scoring rules page (docs/scoring.md) gives the rules in full.",
      "Do not rename the sheets or the labels in column A of Tender; the Description, Theme, Unit and Proxy value columns are for reading only.",
    ].map((line) => [text(line)]),
  };

  return { ok: true, workbook: { sheets: [instructions, tender, biddersSheet, commitments, moderation] } };
}
