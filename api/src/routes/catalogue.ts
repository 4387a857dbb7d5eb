import { Router } from "express";
import express, { type ErrorRequestHandler } from "express";
import { publishCatalogues, type AppDeps } from "@toms/app";
import { CATALOGUE_COLUMNS, CATALOGUE_LIMITS, formatCatalogueCsv, parseCatalogueCsv, ROLES } from "@toms/domain";
import { principalOf, requireRole } from "../auth/middleware.js";
import { Problem, notFound, valueOf } from "../problems.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LIMIT_MB = CATALOGUE_LIMITS.fileBytes / 1024 / 1024;

/** The catalogue of measures: read by everyone signed in with a role of the suite, published by procurement officers. */
export function catalogueRoutes(deps: AppDeps, defaultVersion: string): Router {
  const { storage, moneyLabel } = deps;
  const router = Router();
  // A token with no role of the suite (anyone in the council's tenant before an app role is
  // assigned) reads nothing of the suite's data, as with every other route but /api/me.
  const readers = requireRole(...ROLES);
  const withLabel = <T extends { moneyLabel?: string }>(catalogue: T) => ({ ...catalogue, moneyLabel: catalogue.moneyLabel ?? moneyLabel });

  // The council's default version is flagged; `defaultVersion` names it even before it is published.
  router.get("/catalogues", readers, async (_req, res) => {
    const items = await storage.catalogues.versions();
    res.json({ defaultVersion, items: items.map((v) => ({ ...v, default: v.version === defaultVersion })) });
  });

  router.get("/catalogue", readers, async (_req, res) => {
    const latest = await storage.catalogues.latest();
    if (!latest) throw notFound("A published catalogue");
    res.json(withLabel(latest));
  });

  router.get("/catalogue/:version", readers, async (req, res) => {
    const catalogue = await storage.catalogues.get(req.params.version as string);
    if (!catalogue) throw notFound(`Catalogue version ${req.params.version}`);
    if (req.accepts(["application/json", "text/csv"]) === "text/csv") {
      res.type("text/csv").attachment(`toms-catalogue-${catalogue.version}.csv`).send(formatCatalogueCsv(catalogue));
      return;
    }
    res.json(withLabel(catalogue));
  });

  // New versions, as CSV or an .xlsx workbook (first sheet) with the columns
  // Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source; one file may hold several versions.
  // The role is checked before the body is read too, so nobody else makes the service read 2 MB.
  router.post(
    "/catalogue",
    requireRole("admin"),
    express.text({ type: ["text/csv", "text/plain"], limit: CATALOGUE_LIMITS.fileBytes }),
    express.raw({ type: XLSX_TYPE, limit: CATALOGUE_LIMITS.fileBytes }),
    async (req, res) => {
      // exceljs is loaded on the first workbook, not at the service's start.
      const read = typeof req.body === "string" ? parseCatalogueCsv(req.body) : Buffer.isBuffer(req.body) ? await (await import("@toms/xlsx")).catalogueFromXlsx(req.body) : undefined;
      if (!read) throw new Problem(415, "Send a CSV or Excel file", `Send the catalogue as CSV (Content-Type: text/csv) or as an Excel workbook (Content-Type: ${XLSX_TYPE}) with the columns ${CATALOGUE_COLUMNS.join(",")}.`);
      const publication = valueOf(await publishCatalogues(deps, principalOf(req), read));
      const [first] = publication.published;
      if (first) res.status(201).location(`/api/catalogue/${encodeURIComponent(first.version)}`);
      res.json(publication);
    },
  );
  // A catalogue file's size limit is its own, not the 1 MB of a JSON body: say which.
  const tooLarge: ErrorRequestHandler = (error: unknown, _req, _res, next) =>
    next((error as { type?: string } | null)?.type === "entity.too.large" ? new Problem(413, "Catalogue file too large", `A catalogue file may be at most ${LIMIT_MB} MB. Split it into several files.`) : error);
  router.use(tooLarge);
  return router;
}
