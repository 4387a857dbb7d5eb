// The dashboards (/api/dashboard) and the annual social value report (/api/reports).
import { Router } from "express";
import { z } from "zod";
import { buildSocialValueReport, getContractDashboard, getPortfolioDashboard, getSupplierScorecard, listOverdueUpdates, type AppDeps } from "@toms/app";
import { socialValueReportCsv, YEAR_TYPES } from "@toms/domain";
import { principalOf } from "../auth/middleware.js";
import { notFound, valueOf } from "../problems.js";
import { isRecordId, parse } from "../validate.js";

const reportQuerySchema = z.object({
  year: z.coerce.number({ error: "must be a year such as 2025" }).int("must be a year such as 2025").min(2000, "must be 2000 or later").max(2100, "must be 2100 or earlier").optional(),
  format: z.enum(["json", "csv", "xlsx"], { error: "must be json, csv or xlsx" }).default("json"),
  yearType: z.enum(YEAR_TYPES, { error: "must be financial (April to March) or calendar" }).default("financial"),
});

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function dashboardRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get("/dashboard/portfolio", async (req, res) => {
    res.json(valueOf(await getPortfolioDashboard(deps, principalOf(req))));
  });

  router.get("/dashboard/contracts/:id", async (req, res) => {
    if (!isRecordId(req.params.id)) throw notFound("The contract");
    res.json(valueOf(await getContractDashboard(deps, principalOf(req), req.params.id)));
  });

  router.get("/dashboard/suppliers/:id", async (req, res) => {
    if (!isRecordId(req.params.id)) throw notFound("The supplier");
    res.json(valueOf(await getSupplierScorecard(deps, principalOf(req), req.params.id)));
  });

  router.get("/dashboard/overdue", async (req, res) => {
    res.json({ items: valueOf(await listOverdueUpdates(deps, principalOf(req))) });
  });

  router.get("/reports/social-value", async (req, res) => {
    const query = parse(reportQuerySchema, req.query, "The report");
    const report = valueOf(await buildSocialValueReport(deps, principalOf(req), { yearType: query.yearType, ...(query.year !== undefined ? { year: query.year } : {}) }));
    const name = `social-value-${report.yearLabel.replace("/", "-")}`;
    if (query.format === "csv") {
      res.type("text/csv").attachment(`${name}.csv`).send(socialValueReportCsv(report));
    } else if (query.format === "xlsx") {
      const { socialValueReportWorkbook } = await import("@toms/xlsx");
      res.type(XLSX_TYPE).attachment(`${name}.xlsx`).send(await socialValueReportWorkbook(report, { council: deps.council.name }));
    } else {
      res.json(report);
    }
  });

  return router;
}
