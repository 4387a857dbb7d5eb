import { createHash } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { evaluationFromSubmission, evaluationSubmissionSchema, pageQuerySchema, scoreEvaluation, scoreJson, winnerCommitments } from "@toms/domain";
import type { Storage } from "@toms/storage";
import { principalOf, requireRole } from "../auth/middleware.js";
import { Problem, invalid, notFound } from "../problems.js";
import { isRecordId, listBody, parse } from "../validate.js";

const awardRequest = z.object({
  bidder: z.string().trim().min(1, "is required"),
  contractId: z.string().trim().min(1, "is required"),
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,128}$/;

/** Scored evaluations and their award, for procurement officers and evaluators. */
export function evaluationRoutes(storage: Storage): Router {
  const router = Router();
  router.use(requireRole("admin", "evaluator"));

  router.post("/", async (req, res) => {
    const principal = principalOf(req);
    const key = req.headers["idempotency-key"];
    if (key !== undefined && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))) {
      throw invalid([{ field: "Idempotency-Key", message: "must be 8 to 128 letters, digits or - _ : ." }], "The submission");
    }
    const submission = parse(evaluationSubmissionSchema, req.body, "The evaluation");
    const catalogue = await storage.catalogues.get(submission.tender.catalogueVersion);
    if (!catalogue) throw invalid([{ field: "tender.catalogueVersion", message: `${submission.tender.catalogueVersion} is not a published catalogue version` }], "The evaluation");
    const built = evaluationFromSubmission(submission, catalogue);
    if (!built.ok) throw invalid(built.problems, "The evaluation");
    // The service scores it again: stored results never rest on the client's arithmetic.
    const result = scoreEvaluation(built.evaluation);
    const json = scoreJson({ evaluation: built.evaluation, result, issues: result.issues });
    const id = key ? await storage.evaluations.claimIdempotencyKey(principal.userId, key) : crypto.randomUUID();
    const fingerprint = createHash("sha256").update(JSON.stringify(submission)).digest("base64url");
    const { evaluation: stored, created } = await storage.evaluations.save(id, submission, fingerprint, json, principal.userId);
    if (stored.fingerprint !== fingerprint) throw new Problem(409, "Key already used", "This Idempotency-Key was already used for a different evaluation. Use a new key for a new submission.");
    if (!created) res.setHeader("Idempotent-Replayed", "true");
    res.status(201).location(`/api/evaluations/${id}`).json({ id, result: stored.result, createdAt: stored.createdAt, ...(stored.award ? { award: stored.award } : {}) });
  });

  router.get("/", async (req, res) => {
    const query = parse(pageQuerySchema, req.query, "The list");
    const page = await storage.evaluations.list(query.limit, query.cursor);
    res.json(listBody(page, (evaluation) => evaluation));
  });

  router.get("/:id", async (req, res) => {
    const id = req.params.id;
    const evaluation = isRecordId(id) ? await storage.evaluations.get(id) : undefined;
    if (!evaluation) throw notFound("The evaluation");
    const { etag, fingerprint: _fingerprint, ...body } = evaluation;
    res.setHeader("ETag", etag).json(body);
  });

  router.post("/:id/award", async (req, res) => {
    const principal = principalOf(req);
    const request = parse(awardRequest, req.body, "The award");
    const id = req.params.id;
    const evaluation = isRecordId(id) ? await storage.evaluations.get(id) : undefined;
    if (!evaluation) throw notFound("The evaluation");
    const bidderIndex = evaluation.submission.bidders.findIndex((b) => b.name.toLowerCase() === request.bidder.toLowerCase());
    if (bidderIndex < 0) throw invalid([{ field: "bidder", message: `is not a bidder in this evaluation (bidders: ${evaluation.submission.bidders.map((b) => b.name).join(", ")})` }], "The award");
    const contract = await storage.contracts.get(request.contractId);
    if (!contract) throw invalid([{ field: "contractId", message: "is not a contract in the register" }], "The award");
    const catalogue = await storage.catalogues.get(evaluation.catalogueVersion);
    if (!catalogue) throw new Problem(500, "Catalogue missing", `Catalogue version ${evaluation.catalogueVersion} used by this evaluation is missing from storage.`);
    const built = evaluationFromSubmission(evaluation.submission, catalogue);
    if (!built.ok) throw new Problem(500, "Evaluation unreadable", "The stored evaluation no longer matches its catalogue version.");
    const bidder = evaluation.submission.bidders[bidderIndex]?.name as string;
    const commitments = winnerCommitments(built.evaluation, bidderIndex);
    const totalCommittedValue = commitments.reduce((sum, c) => sum + c.committedValue, 0);
    const award = await storage.evaluations.award(evaluation, { bidder, contractId: contract.id, awardedBy: principal.userId, totalCommittedValue }, commitments);
    res.json({ evaluationId: evaluation.id, contractId: contract.id, bidder: award.bidder, awardedAt: award.awardedAt, totalCommittedValue: award.totalCommittedValue, commitments: award.commitments });
  });

  return router;
}
