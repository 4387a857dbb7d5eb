import { Router } from "express";
import { contactInputSchema, describeSupplier, hasRole, pageQuerySchema, supplierInputSchema, supplierPatchSchema, type Principal, type SupplierRules } from "@toms/domain";
import { listSupplierContacts, setContactChannel, updateSupplier, type AppDeps } from "@toms/app";
import { z } from "zod";
import type { Storage } from "@toms/storage";
import { principalOf, requireRole } from "../auth/middleware.js";
import { notFound, valueOf } from "../problems.js";
import { ifMatchOf, isRecordId, listBody, parse } from "../validate.js";

/** The supplier register. Suppliers see only themselves; EDI analysts see none of it. */
export function supplierRoutes(deps: AppDeps, rules: SupplierRules): Router {
  const router = Router();
  const { storage } = deps;
  const readers = requireRole("admin", "evaluator", "contract-manager", "supplier");

  router.post("/", requireRole("admin"), async (req, res) => {
    const input = parse(supplierInputSchema, req.body, "The supplier");
    const created = await storage.suppliers.create(input);
    const { etag, ...record } = created;
    res.status(201).location(`/api/suppliers/${record.id}`).setHeader("ETag", etag).json(describeSupplier(record, rules));
  });

  router.get("/", readers, async (req, res) => {
    const principal = principalOf(req);
    if (!hasRole(principal, "admin", "evaluator", "contract-manager")) {
      const own = principal.supplierId ? await storage.suppliers.get(principal.supplierId) : undefined;
      res.json({ items: own ? [describeSupplier(withoutEtag(own), rules)] : [] });
      return;
    }
    const query = parse(pageQuerySchema, req.query, "The list");
    const page = await storage.suppliers.list(query.limit, query.cursor);
    res.json(listBody(page, (s) => describeSupplier(withoutEtag(s), rules)));
  });

  router.get("/:id", readers, async (req, res) => {
    const supplier = await readableSupplier(storage, req.params.id as string, principalOf(req));
    res.setHeader("ETag", supplier.etag).json(describeSupplier(withoutEtag(supplier), rules));
  });

  // Procurement completes or corrects a supplier (one added at award has only its name).
  router.patch("/:id", requireRole("admin"), async (req, res) => {
    const id = req.params.id;
    if (!isRecordId(id)) throw notFound("The supplier");
    const ifMatch = ifMatchOf(req, "the supplier's");
    const patch = parse(supplierPatchSchema, req.body, "The change");
    const { etag, ...record } = valueOf(await updateSupplier(deps, principalOf(req), { supplierId: id, etag: ifMatch, patch }));
    res.setHeader("ETag", etag).json(describeSupplier(record, rules));
  });

  router.post("/:id/contacts", requireRole("admin"), async (req, res) => {
    const id = req.params.id;
    const supplier = isRecordId(id) ? await storage.suppliers.get(id) : undefined;
    if (!supplier) throw notFound("The supplier");
    const input = parse(contactInputSchema, req.body, "The contact");
    const contact = await storage.suppliers.addContact(supplier.id, input);
    res.status(201).location(`/api/suppliers/${supplier.id}/contacts/${contact.id}`).json(contact);
  });

  router.get("/:id/contacts", requireRole("admin", "contract-manager", "supplier"), async (req, res) => {
    const supplier = await readableSupplier(storage, req.params.id as string, principalOf(req));
    // Each with teamsChat (whether the bot has a chat with them) and reach (how prompts reach them now).
    res.json({ items: valueOf(await listSupplierContacts(deps, supplier.id)) });
  });

  // How prompts reach a contact: an admin or the manager of a current contract with the supplier chooses.
  router.put("/:id/contacts/:contactId/channel", requireRole("admin", "contract-manager"), async (req, res) => {
    const id = req.params.id;
    const contactId = req.params.contactId;
    if (!isRecordId(id)) throw notFound("The supplier");
    if (!isRecordId(contactId)) throw notFound("The contact");
    const { channel } = parse(channelSchema, req.body, "The contact's channel");
    res.json(valueOf(await setContactChannel(deps, principalOf(req), id, contactId, channel)));
  });

  return router;
}

const channelSchema = z.object({ channel: z.enum(["teams", "email", "automatic"], { error: 'must be "teams", "email" or "automatic"' }) });

async function readableSupplier(storage: Storage, id: string, principal: Principal) {
  const ownOnly = !hasRole(principal, "admin", "evaluator", "contract-manager");
  const supplier = !isRecordId(id) || (ownOnly && principal.supplierId !== id) ? undefined : await storage.suppliers.get(id);
  if (!supplier) throw notFound("The supplier");
  return supplier;
}

function withoutEtag<T extends { etag: string }>(value: T): Omit<T, "etag"> {
  const { etag: _etag, ...rest } = value;
  return rest;
}
