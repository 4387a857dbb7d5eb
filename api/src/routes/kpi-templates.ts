// The KPI template library (/api/kpi-templates): read by the council's staff, added to by procurement officers.
import { Router } from "express";
import { addKpiTemplate, listKpiTemplates, type AppDeps } from "@toms/app";
import { kpiTemplateInputSchema } from "@toms/domain";
import { principalOf } from "../auth/middleware.js";
import { valueOf } from "../problems.js";
import { parse } from "../validate.js";

export function kpiTemplateRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    res.json({ items: valueOf(await listKpiTemplates(deps, principalOf(req))) });
  });

  router.post("/", async (req, res) => {
    const input = parse(kpiTemplateInputSchema, req.body, "The template");
    const template = valueOf(await addKpiTemplate(deps, principalOf(req), input));
    res.status(201).location(`/api/kpi-templates/${template.id}`).json(template);
  });

  return router;
}
