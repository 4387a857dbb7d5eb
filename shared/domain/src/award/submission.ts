import { z } from "zod";
import { catalogueThemes, measureIndex, type Catalogue } from "../evaluation/catalogue.js";
import { issue, ISSUE_CODES, type Issue, type IssueCode } from "../evaluation/issues.js";
import { LIMITS, limitText } from "../evaluation/limits.js";
import { DEFAULT_DELIVERABILITY_THRESHOLD, type Commitment, type Evaluation } from "../evaluation/model.js";
import type { FieldError } from "../field-error.js";

const amount = z.number({ error: (issue) => (typeof issue.input === "number" ? "must be a finite number" : "must be a number") });
const atMost = (limit: number) => `must be at most ${limitText(limit)}`;

/**
 * A scored evaluation as the Excel add-in (or any client) submits it: the domain's Evaluation with
 * each measure named by its code. The service re-scores it with the stored catalogue version, so
 * stored results never depend on the client's arithmetic. Numbers keep to the LIMITS the workbook
 * reader applies, so every total stays finite.
 */
const place = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullable().default(null);

/** An issue the client's workbook reader found (a number typed as text, an unknown measure...):
 * the service cannot see the workbook, so it keeps them with the evaluation, and an award asks
 * that its Error-level ones were reviewed. The severity is the code's, whatever the client says. */
const workbookIssueSchema = z
  .object({
    code: z.enum(Object.keys(ISSUE_CODES) as [IssueCode, ...IssueCode[]], { error: "is not an issue code of the workbook reader" }),
    message: z.string().trim().min(1, "is required").max(2000, "must be at most 2,000 characters"),
    sheet: place(100),
    cell: place(20),
    bidder: place(200),
    measure: place(100),
  })
  .transform((i): Issue => issue(i.code, i.message, i));

export const evaluationSubmissionSchema = z
  .object({
    tender: z.object({
      reference: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
      title: z.string().trim().max(300, "must be at most 300 characters").nullable().default(null),
      catalogueVersion: z.string().trim().min(1, "is required"),
      weighting: amount.min(0, "must be between 0 and 100").max(100, "must be between 0 and 100"),
      quantitativeShare: amount.min(0, "must be between 0 and 100").max(100, "must be between 0 and 100"),
      qualitativeMaximum: amount.positive("must be more than 0").max(LIMITS.qualitativeMaximum, atMost(LIMITS.qualitativeMaximum)),
      basis: z.enum(["value", "percent"], { error: "must be value or percent" }),
      deliverabilityThreshold: amount.min(0, "must be zero or more").max(LIMITS.deliverabilityThreshold, atMost(LIMITS.deliverabilityThreshold)).default(DEFAULT_DELIVERABILITY_THRESHOLD),
    }),
    bidders: z
      .array(
        z.object({
          name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
          // 0 (or null) is no price, as on the workbook; a negative price is refused, never read as none.
          price: amount
            .min(0, "must be zero or more")
            .max(LIMITS.price, atMost(LIMITS.price))
            .refine((p) => p <= 0 || p >= LIMITS.smallestPrice, `must be 0 (no price) or at least ${LIMITS.smallestPrice}`)
            .nullable(),
          qualitativeScore: amount.min(0, "must be zero or more").nullable(),
        }),
      )
      .min(1, "must name at least one bidder")
      .max(500, "may name at most 500 bidders"),
    commitments: z
      .array(
        z.object({
          measure: z.string().trim().min(1, "is required"),
          quantities: z.array(amount.min(0, "must be zero or more").max(LIMITS.quantity, atMost(LIMITS.quantity))),
          accepted: z.array(amount.min(0, "must be between 0 and 1").max(1, "must be between 0 and 1")),
        }),
      )
      .max(2000, "may hold at most 2,000 measures"),
    workbookIssues: z.array(workbookIssueSchema).max(2000, "may hold at most 2,000 issues").default([]),
  })
  .superRefine((value, ctx) => {
    const names = new Set<string>();
    value.bidders.forEach((bidder, i) => {
      if (bidder.qualitativeScore !== null && bidder.qualitativeScore > value.tender.qualitativeMaximum) {
        ctx.addIssue({ code: "custom", path: ["bidders", i, "qualitativeScore"], message: `must be at most the qualitative maximum (${value.tender.qualitativeMaximum})` });
      }
      const key = bidder.name.toLowerCase();
      if (names.has(key)) ctx.addIssue({ code: "custom", path: ["bidders", i, "name"], message: `repeats the bidder ${bidder.name}` });
      names.add(key);
    });
    const codes = new Set<string>();
    value.commitments.forEach((commitment, i) => {
      const key = commitment.measure.toUpperCase();
      if (codes.has(key)) ctx.addIssue({ code: "custom", path: ["commitments", i, "measure"], message: `repeats the measure ${commitment.measure}` });
      codes.add(key);
      for (const field of ["quantities", "accepted"] as const) {
        if (commitment[field].length !== value.bidders.length) {
          ctx.addIssue({ code: "custom", path: ["commitments", i, field], message: `must have one entry per bidder (${value.bidders.length})` });
        }
      }
    });
  });

export type EvaluationSubmission = z.output<typeof evaluationSubmissionSchema>;


/** Resolves measure codes against the tender's catalogue version. */
export function evaluationFromSubmission(submission: EvaluationSubmission, catalogue: Catalogue): { ok: true; evaluation: Evaluation } | { ok: false; problems: FieldError[] } {
  if (submission.tender.catalogueVersion !== catalogue.version) {
    return { ok: false, problems: [{ field: "tender.catalogueVersion", message: `is ${submission.tender.catalogueVersion} but the catalogue given is ${catalogue.version}` }] };
  }
  const index = measureIndex(catalogue);
  const problems: FieldError[] = [];
  const commitments: Commitment[] = [];
  submission.commitments.forEach((c, i) => {
    const measure = index.get(c.measure.toUpperCase());
    if (!measure) problems.push({ field: `commitments[${i}].measure`, message: `${c.measure} is not a measure in catalogue version ${catalogue.version}` });
    else commitments.push({ measure, quantities: c.quantities, accepted: c.accepted });
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    evaluation: {
      tender: submission.tender,
      bidders: submission.bidders.map((b) => ({ name: b.name, price: b.price !== null && b.price > 0 ? b.price : null, qualitativeScore: b.qualitativeScore })),
      commitments,
      themes: catalogueThemes(catalogue),
    },
  };
}

/** The submission for an evaluation read from a workbook: what the add-in sends to the service,
 * with the issues its reader found in the workbook. */
export function submissionFromEvaluation(evaluation: Evaluation, workbookIssues: readonly Issue[] = []): EvaluationSubmission {
  return {
    tender: { ...evaluation.tender },
    bidders: evaluation.bidders.map((b) => ({ name: b.name, price: b.price, qualitativeScore: b.qualitativeScore })),
    commitments: evaluation.commitments.map((c) => ({ measure: c.measure.code, quantities: [...c.quantities], accepted: [...c.accepted] })),
    workbookIssues: [...workbookIssues],
  };
}
