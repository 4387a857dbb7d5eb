// The council's service areas: the list a contract's service area is chosen from, and procurement
// adding to it.
import { Router } from "express";
import { addServiceArea, listServiceAreas, type AppDeps } from "@toms/app";
import { serviceAreaInputSchema } from "@toms/domain";
import { principalOf } from "../auth/middleware.js";
import { valueOf } from "../problems.js";
import { parse } from "../validate.js";

export function serviceAreaRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    res.json({ items: valueOf(await listServiceAreas(deps, principalOf(req))) });
  });

  router.post("/", async (req, res) => {
    const input = parse(serviceAreaInputSchema, req.body, "The service area");
    res.status(201).json(valueOf(await addServiceArea(deps, principalOf(req), input)));
  });

  return router;
}
