import { Router } from "express";
import { awardEvaluation, listAwardWithdrawals, submitEvaluation, withdrawAward, type AppDeps } from "@toms/app";
import { awardRequestSchema, awardWithdrawalSchema, evaluationSubmissionSchema, pageQuerySchema } from "@toms/domain";
import { principalOf, requireRole } from "../auth/middleware.js";
import { invalid, notFound, valueOf } from "../problems.js";
import { isRecordId, listBody, parse } from "../validate.js";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,128}$/;

/** The evaluation an `:id` names; an id no record could have names none. */
function evaluationId(id: unknown): string {
  if (!isRecordId(id)) throw notFound("The evaluation");
  return id;
}

/** Scored evaluations and their award, for procurement officers and evaluators. */
export function evaluationRoutes(deps: AppDeps): Router {
  const { storage } = deps;
  const router = Router();
  router.use(requireRole("admin", "evaluator"));

  router.post("/", async (req, res) => {
    const principal = principalOf(req);
    const key = req.headers["idempotency-key"];
    if (key !== undefined && (typeof key !== "string" || !IDEMPOTENCY_KEY.test(key))) {
      throw invalid([{ field: "Idempotency-Key", message: "must be 8 to 128 letters, digits or - _ : ." }], "The submission");
    }
    const submission = parse(evaluationSubmissionSchema, req.body, "The evaluation");
    const { evaluation: stored, created } = valueOf(await submitEvaluation(deps, principal, { submission, ...(key ? { idempotencyKey: key } : {}) }));
    if (!created) res.setHeader("Idempotent-Replayed", "true");
    res.status(201).location(`/api/evaluations/${stored.id}`).json({ id: stored.id, result: stored.result, createdAt: stored.createdAt, ...(stored.award ? { award: stored.award } : {}) });
  });

  router.get("/", async (req, res) => {
    const query = parse(pageQuerySchema, req.query, "The list");
    const page = await storage.evaluations.list(query.limit, query.cursor);
    res.json(listBody(page, (evaluation) => evaluation));
  });

  router.get("/:id", async (req, res) => {
    const evaluation = await storage.evaluations.get(evaluationId(req.params.id));
    if (!evaluation) throw notFound("The evaluation");
    const { etag, fingerprint: _fingerprint, awardClaimId: _claim, ...body } = evaluation;
    res.setHeader("ETag", etag).json(body);
  });

  // The award (docs/award.md): to a contract of the register, or to one it creates (201).
  router.post("/:id/award", async (req, res) => {
    const id = evaluationId(req.params.id);
    const request = parse(awardRequestSchema, req.body, "The award");
    const award = valueOf(await awardEvaluation(deps, principalOf(req), { ...request, evaluationId: id }));
    if (award.created.contract) res.status(201).location(`/api/contracts/${award.contractId}`);
    res.json(award);
  });

  router.post("/:id/award/withdrawal", async (req, res) => {
    const id = evaluationId(req.params.id);
    const request = parse(awardWithdrawalSchema, req.body, "The withdrawal");
    const result = valueOf(await withdrawAward(deps, principalOf(req), { ...request, evaluationId: id }));
    // An unfinished award released: nothing was awarded, so nothing is kept (200, what was released).
    if ("released" in result) res.json(result);
    else res.status(201).location(`/api/evaluations/${id}/award/withdrawals`).json(result.withdrawn);
  });

  router.get("/:id/award/withdrawals", async (req, res) => {
    res.json({ items: valueOf(await listAwardWithdrawals(deps, principalOf(req), evaluationId(req.params.id))) });
  });

  return router;
}
