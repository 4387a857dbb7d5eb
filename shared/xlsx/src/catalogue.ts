// Catalogue files as .xlsx: the first sheet in the exchange format, read within CATALOGUE_LIMITS.
import ExcelJS from "exceljs";
import { CATALOGUE_LIMITS, catalogueFromRows, type CatalogueReadResult } from "@toms/domain/evaluation";
import { checkInflatedSize } from "./inflated-size.js";
import { worksheetToSheet } from "./xlsx.js";

const NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx).";
const TOO_LARGE = `The workbook holds more than ${CATALOGUE_LIMITS.workbookBytes / 1024 / 1024} MB once uncompressed, more than any catalogue needs. Save the catalogue on its own, as CSV or as a workbook with just its sheet.`;
const refusal = (message: string): CatalogueReadResult => ({ ok: false, problems: [{ row: null, column: null, message }], unlisted: 0 });

/** Reads catalogues from the first sheet of an .xlsx file's bytes, in the exchange format. */
export async function catalogueFromXlsx(bytes: Uint8Array): Promise<CatalogueReadResult> {
  const size = await checkInflatedSize(bytes, CATALOGUE_LIMITS.workbookBytes);
  if (size !== "within-limit") return refusal(size === "too-large" ? TOO_LARGE : NOT_A_WORKBOOK);
  const excel = new ExcelJS.Workbook();
  try {
    await excel.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return refusal(NOT_A_WORKBOOK);
  }
  const first = excel.worksheets[0];
  if (!first) return refusal("The workbook has no sheets.");
  return catalogueFromRows(worksheetToSheet(first).rows.map((row) => row.map((c) => c.value)));
}
