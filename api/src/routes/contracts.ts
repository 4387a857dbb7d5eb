import { Router, type Request } from "express";
import { contractCommitments, contractCompliance, createContract, updateContract, type AppDeps } from "@toms/app";
import {
  canSeeContract,
  contractInputSchema,
  contractListQuerySchema,
  contractPatchSchema,
  contractScope,
  describeContract,
  ukDate,
} from "@toms/domain";
import type { ContractFilter } from "@toms/storage";
import { principalOf, requireRole } from "../auth/middleware.js";
import { forbidden, notFound, valueOf } from "../problems.js";
import { ifMatchOf, isRecordId, listBody, parse } from "../validate.js";

export function contractRoutes(deps: AppDeps): Router {
  const { storage, now } = deps;
  const router = Router();

  const readable = async (req: Request) => {
    const id = req.params.id;
    const contract = isRecordId(id) ? await storage.contracts.get(id) : undefined;
    // Out of scope answers as not found: a supplier must not learn that another's contract exists.
    if (!contract || !canSeeContract(principalOf(req), contract)) throw notFound("The contract");
    return contract;
  };

  router.post("/", requireRole("admin"), async (req, res) => {
    const input = parse(contractInputSchema, req.body, "The contract");
    const { etag, ...record } = valueOf(await createContract(deps, principalOf(req), input));
    res.status(201).location(`/api/contracts/${record.id}`).setHeader("ETag", etag).json(describeContract(record, ukDate(now())));
  });

  router.get("/", async (req, res) => {
    const principal = principalOf(req);
    const allowed = contractScope(principal);
    if (!allowed) throw forbidden("Your role does not give access to contracts.");
    const query = parse(contractListQuerySchema, req.query, "The list");
    const today = ukDate(now());
    // The caller's scope wins over a filter asking for someone else's contracts.
    const filter: ContractFilter = {
      today,
      ...(query.category ? { category: query.category } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.supplierId ? { supplierId: query.supplierId } : {}),
      ...(query.managerId ? { managerId: query.managerId } : {}),
      ...allowed,
    };
    const page = await storage.contracts.list(filter, query.limit, query.cursor);
    res.json(listBody(page, ({ etag: _etag, ...record }) => describeContract(record, today)));
  });

  router.get("/:id", async (req, res) => {
    const { etag, ...record } = await readable(req);
    res.setHeader("ETag", etag).json({ ...describeContract(record, ukDate(now())), compliance: await contractCompliance(deps, record) });
  });

  // The social value the contract carries since award: what the winner committed, in the catalogue's money.
  router.get("/:id/commitments", async (req, res) => {
    const id = req.params.id;
    if (!isRecordId(id)) throw notFound("The contract");
    res.json(valueOf(await contractCommitments(deps, principalOf(req), id)));
  });

  router.patch("/:id", async (req, res) => {
    const id = req.params.id;
    if (!isRecordId(id)) throw notFound("The contract");
    const ifMatch = ifMatchOf(req, "the contract's");
    const patch = parse(contractPatchSchema, req.body, "The change");
    const { etag, ...record } = valueOf(await updateContract(deps, principalOf(req), { contractId: id, etag: ifMatch, patch }));
    res.setHeader("ETag", etag).json(describeContract(record, ukDate(now())));
  });

  return router;
}
