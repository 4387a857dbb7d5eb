// The management API of a contract's signed update links: list them, revoke one (procurement
// officers and the contract's manager). Mounted under /api/contracts, behind sign-in.
import { Router, type Request } from "express";
import { listUpdateLinks, revokeUpdateLink, type AppDeps } from "@toms/app";
import { principalOf } from "../auth/middleware.js";
import { notFound, valueOf } from "../problems.js";
import { isRecordId } from "../validate.js";

function idOf(req: Request, name: string, what: string): string {
  const id = req.params[name];
  if (!isRecordId(id)) throw notFound(what);
  return id;
}

/** `GET /:id/update-links` and `POST /:id/update-links/:linkId/revoke`. */
export function updateLinkApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get("/:id/update-links", async (req, res) => {
    res.json({ items: valueOf(await listUpdateLinks(deps, principalOf(req), idOf(req, "id", "The contract"))) });
  });
  router.post("/:id/update-links/:linkId/revoke", async (req, res) => {
    const contractId = idOf(req, "id", "The contract");
    res.json(valueOf(await revokeUpdateLink(deps, principalOf(req), contractId, idOf(req, "linkId", "The update link"))));
  });
  return router;
}
