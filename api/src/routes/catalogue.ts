import { Router } from "express";
import express, { type ErrorRequestHandler } from "express";
import { CATALOGUE_COLUMNS, CATALOGUE_LIMITS, catalogueProblemLines, changedVersionsMessage, formatCatalogueCsv, parseCatalogueCsv, type CatalogueProblem } from "@toms/domain";
import { publishCatalogues, type Storage } from "@toms/storage";
import { principalOf, requireRole } from "../auth/middleware.js";
import type { FieldError } from "@toms/app";
import { Problem, notFound } from "../problems.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LIMIT_MB = CATALOGUE_LIMITS.fileBytes / 1024 / 1024;

/** A catalogue file's problems as a 400: one sentence each, the first ones only, and a count of the rest. */
function invalidCatalogue(problems: CatalogueProblem[], unlisted: number): Problem {
  const total = problems.length + unlisted;
  const errors: FieldError[] = problems.map((p) => ({ field: [p.row ? `row ${p.row}` : "", p.column ?? ""].filter(Boolean).join(", "), message: p.message }));
  const detail = `The catalogue has ${total === 1 ? "a problem" : `${total} problems`}: ${catalogueProblemLines({ problems, unlisted }).join(" ")}`;
  return new Problem(400, "The catalogue is not valid", detail, errors, "urn:toms:problem:invalid-input");
}

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

  // New versions, as CSV or an .xlsx workbook (first sheet) with the columns
  // Version,Code,Theme,Outcome,Measure,Unit,Proxy value,Source; one file may hold several versions.
  router.post(
    "/catalogue",
    requireRole("admin"),
    express.text({ type: ["text/csv", "text/plain"], limit: CATALOGUE_LIMITS.fileBytes }),
    express.raw({ type: XLSX_TYPE, limit: CATALOGUE_LIMITS.fileBytes }),
    async (req, res) => {
      // exceljs is loaded on the first workbook, not at the service's start.
      const read = typeof req.body === "string" ? parseCatalogueCsv(req.body) : Buffer.isBuffer(req.body) ? await (await import("@toms/xlsx")).catalogueFromXlsx(req.body) : undefined;
      if (!read) throw new Problem(415, "Send a CSV or Excel file", `Send the catalogue as CSV (Content-Type: text/csv) or as an Excel workbook (Content-Type: ${XLSX_TYPE}) with the columns ${CATALOGUE_COLUMNS.join(",")}.`);
      if (!read.ok) throw invalidCatalogue(read.problems, read.unlisted);
      const outcome = await publishCatalogues(storage.catalogues, read.catalogues, principalOf(req).userId);
      if (outcome.changed.length > 0) {
        const published = outcome.published.length > 0 ? ` Published meanwhile: ${outcome.published.map((s) => s.version).join(", ")}.` : " Nothing was published.";
        throw new Problem(409, "Already published", `${changedVersionsMessage(outcome.changed)}${published}`);
      }
      const [first] = outcome.published;
      if (first) res.status(201).location(`/api/catalogue/${encodeURIComponent(first.version)}`);
      res.json({ published: outcome.published, unchanged: outcome.unchanged });
    },
  );
  // A catalogue file's size limit is its own, not the 1 MB of a JSON body: say which.
  const tooLarge: ErrorRequestHandler = (error: unknown, _req, _res, next) =>
    next((error as { type?: string } | null)?.type === "entity.too.large" ? new Problem(413, "Catalogue file too large", `A catalogue file may be at most ${LIMIT_MB} MB. Split it into several files.`) : error);
  router.use(tooLarge);
  return router;
}
