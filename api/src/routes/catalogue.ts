import { Router } from "express";
import express from "express";
import { CATALOGUE_COLUMNS, formatCatalogueCsv, parseCatalogueCsv } from "@toms/domain";
import { catalogueFromXlsx } from "@toms/xlsx";
import type { Storage } from "@toms/storage";
import { principalOf, requireRole } from "../auth/middleware.js";
import { Problem, invalid, notFound } from "../problems.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The catalogue of measures: read by everyone signed in, published by procurement officers. */
export function catalogueRoutes(storage: Storage, moneyLabel: string, defaultVersion: string): Router {
  const router = Router();
  const withLabel = <T extends { moneyLabel?: string }>(catalogue: T) => ({ ...catalogue, moneyLabel: catalogue.moneyLabel ?? moneyLabel });

  // The council's default version is flagged; `defaultVersion` names it even before it is published.
  router.get("/catalogues", async (_req, res) => {
    const items = await storage.catalogues.versions();
    res.json({ defaultVersion, items: items.map((v) => ({ ...v, default: v.version === defaultVersion })) });
  });

  router.get("/catalogue", async (_req, res) => {
    const latest = await storage.catalogues.latest();
    if (!latest) throw notFound("A published catalogue");
    res.json(withLabel(latest));
  });

  router.get("/catalogue/:version", async (req, res) => {
    const catalogue = await storage.catalogues.get(req.params.version as string);
    if (!catalogue) throw notFound(`Catalogue version ${req.params.version}`);
    if (req.accepts(["application/json", "text/csv"]) === "text/csv") {
      res.type("text/csv").attachment(`toms-catalogue-${catalogue.version}.csv`).send(formatCatalogueCsv(catalogue));
      return;
    }
    res.json(withLabel(catalogue));
  });

  // A new version, as CSV or an .xlsx workbook (first sheet) with the columns
  // Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source.
  router.post(
    "/catalogue",
    requireRole("admin"),
    express.text({ type: ["text/csv", "text/plain"], limit: "1mb" }),
    express.raw({ type: XLSX_TYPE, limit: "1mb" }),
    async (req, res) => {
    const read = typeof req.body === "string" ? parseCatalogueCsv(req.body) : Buffer.isBuffer(req.body) ? await catalogueFromXlsx(req.body) : undefined;
    if (!read) throw new Problem(415, "Send a CSV or Excel file", `Send the catalogue as CSV (Content-Type: text/csv) or as an Excel workbook (Content-Type: ${XLSX_TYPE}) with the columns ${CATALOGUE_COLUMNS.join(",")}.`);
    if (!read.ok) {
      throw invalid(read.problems.map((p) => ({ field: [p.row ? `row ${p.row}` : "", p.column ?? ""].filter(Boolean).join(", "), message: p.message })), "The catalogue");
    }
    const summary = await storage.catalogues.publish(read.catalogue, principalOf(req).userId);
    res.status(201).location(`/api/catalogue/${encodeURIComponent(summary.version)}`).json(summary);
    },
  );
  return router;
}
