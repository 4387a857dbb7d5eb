// Contract delivery under /api/contracts/{id}: KPIs, updates and reviews, reminders of what is
// owed, commitments, social value delivered, assessments and the UK9 notice. Each route parses,
// calls its use case and answers.
import { Router, type Request } from "express";
import { z } from "zod";
import {
  applyKpiTemplate,
  confirmContractAssessment,
  contractSocialValue,
  createAssessment,
  createKpi,
  editKpi,
  enterCommitments,
  getPerformanceNotice,
  listAssessments,
  listKpis,
  listUpdates,
  markNoticePublished,
  recordUpdate,
  remindOwed,
  reviewUpdate,
  type AppDeps,
} from "@toms/app";
import { assessmentInputSchema, confirmInputSchema, enteredCommitmentSchema, kpiInputSchema, kpiPatchSchema, kpiUpdateInputSchema, reminderInputSchema, reviewInputSchema, type SupplierRules } from "@toms/domain";
import { principalOf } from "../auth/middleware.js";
import { invalid, notFound, valueOf } from "../problems.js";
import { ifMatchOf, isRecordId, parse } from "../validate.js";

const templateRequestSchema = z.object({ templateId: z.string({ error: "is required" }).trim().min(1, "is required") }).strict();
const commitmentsRequestSchema = z.object({ commitments: z.array(enteredCommitmentSchema, { error: "must be a list of commitments" }).min(1, "must hold at least one commitment").max(100, "must hold at most 100 commitments") }).strict();
const noticeRequestSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "must be a web address starting https://" }).optional(),
    publishedAt: z.iso.datetime({ offset: true, error: "must be a date and time such as 2026-05-01T09:00:00+01:00" }).optional(),
  })
  .strict();
const noticeQuerySchema = z.object({ assessmentId: z.string({ error: "is required: name the confirmed assessment" }).trim().min(1, "is required: name the confirmed assessment") });

// A key the client chose for one submission: printable, and short enough to keep.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The path's ids, each of which must look like one of ours (anything else names nothing). */
function ids(req: Request, ...names: string[]): string[] {
  return names.map((name) => {
    const id = req.params[name];
    if (!isRecordId(id)) throw notFound(name === "id" ? "The contract" : name === "kpiId" ? "The KPI" : name === "updateId" ? "The update" : "The assessment");
    return id;
  });
}

export function deliveryRoutes(deps: AppDeps, rules: SupplierRules): Router {
  const router = Router();

  router.get("/:id/kpis", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    res.json({ items: valueOf(await listKpis(deps, principalOf(req), id)) });
  });

  router.post("/:id/kpis", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const input = parse(kpiInputSchema, req.body, "The KPI");
    const kpi = valueOf(await createKpi(deps, principalOf(req), id, input));
    res.status(201).location(`/api/contracts/${id}/kpis/${kpi.id}`).setHeader("ETag", kpi.etag).json(kpi);
  });

  router.post("/:id/kpis/from-template", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const { templateId } = parse(templateRequestSchema, req.body, "The template");
    res.status(201).json({ items: valueOf(await applyKpiTemplate(deps, principalOf(req), id, templateId)) });
  });

  router.patch("/:id/kpis/:kpiId", async (req, res) => {
    const [contractId, kpiId] = ids(req, "id", "kpiId") as [string, string];
    const etag = ifMatchOf(req, "the KPI's");
    const patch = parse(kpiPatchSchema, req.body, "The change");
    const kpi = valueOf(await editKpi(deps, principalOf(req), { contractId, kpiId, etag, patch }));
    res.setHeader("ETag", kpi.etag).json(kpi);
  });

  router.get("/:id/kpis/:kpiId/updates", async (req, res) => {
    const [contractId, kpiId] = ids(req, "id", "kpiId") as [string, string];
    res.json({ items: valueOf(await listUpdates(deps, principalOf(req), contractId, kpiId)) });
  });

  router.post("/:id/kpis/:kpiId/updates", async (req, res) => {
    const [contractId, kpiId] = ids(req, "id", "kpiId") as [string, string];
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key)) {
      throw invalid([{ field: "Idempotency-Key", message: "is required: send a header Idempotency-Key with a new value (up to 200 printable characters, e.g. a UUID) for each update, and the same value when you send it again" }], "The update");
    }
    const input = parse(kpiUpdateInputSchema, req.body, "The update");
    const { update, replayed } = valueOf(await recordUpdate(deps, principalOf(req), { contractId, kpiId, idempotencyKey: key, input }));
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(201).location(`/api/contracts/${contractId}/kpis/${kpiId}/updates/${update.id}`).json(update);
  });

  router.post("/:id/kpis/:kpiId/updates/:updateId/review", async (req, res) => {
    const [contractId, kpiId, updateId] = ids(req, "id", "kpiId", "updateId") as [string, string, string];
    const input = parse(reviewInputSchema, req.body, "The review");
    res.json(valueOf(await reviewUpdate(deps, principalOf(req), { contractId, kpiId, updateId, input })));
  });

  router.post("/:id/reminders", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const input = parse(reminderInputSchema, req.body, "The reminder");
    const { reminder, replayed } = valueOf(await remindOwed(deps, principalOf(req), id, input));
    // Asked for already today: the reminder stored then, as a repeat of an idempotent request.
    if (replayed) res.setHeader("Idempotent-Replayed", "true");
    res.status(replayed ? 200 : 201).json(reminder);
  });

  router.post("/:id/commitments", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const { commitments } = parse(commitmentsRequestSchema, req.body, "The commitments");
    res.status(201).json({ items: valueOf(await enterCommitments(deps, principalOf(req), id, commitments)) });
  });

  router.get("/:id/social-value", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    res.json(valueOf(await contractSocialValue(deps, principalOf(req), id)));
  });

  router.get("/:id/assessments", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    res.json({ items: valueOf(await listAssessments(deps, principalOf(req), id)) });
  });

  router.post("/:id/assessments", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const input = parse(assessmentInputSchema, req.body, "The assessment");
    const assessment = valueOf(await createAssessment(deps, principalOf(req), id, input));
    res.status(201).location(`/api/contracts/${id}/assessments/${assessment.id}`).json(assessment);
  });

  router.post("/:id/assessments/:assessmentId/confirm", async (req, res) => {
    const [id, assessmentId] = ids(req, "id", "assessmentId") as [string, string];
    const input = parse(confirmInputSchema, req.body, "The confirmation");
    res.json(valueOf(await confirmContractAssessment(deps, principalOf(req), id, assessmentId, input)));
  });

  router.post("/:id/assessments/:assessmentId/notice", async (req, res) => {
    const [contractId, assessmentId] = ids(req, "id", "assessmentId") as [string, string];
    const input = parse(noticeRequestSchema, req.body, "The notice");
    res.status(201).json(valueOf(await markNoticePublished(deps, principalOf(req), { contractId, assessmentId, ...input })));
  });

  router.get("/:id/performance-notice", async (req, res) => {
    const [id] = ids(req, "id") as [string];
    const { assessmentId } = parse(noticeQuerySchema, req.query, "The notice");
    res.json(valueOf(await getPerformanceNotice(deps, principalOf(req), id, assessmentId, rules)));
  });

  return router;
}
