import ExcelJS from "exceljs";
import { catalogueFromRows, type CatalogueReadResult } from "@toms/domain";
import { worksheetToSheet } from "./xlsx.js";

/** Reads a catalogue from the first sheet of an .xlsx file's bytes, in the exchange format. */
export async function catalogueFromXlsx(bytes: Uint8Array | ArrayBuffer): Promise<CatalogueReadResult> {
  const excel = new ExcelJS.Workbook();
  try {
    await excel.xlsx.load(bytes as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ row: null, column: null, message: "The file is not an Excel workbook (.xlsx)." }] };
  }
  const first = excel.worksheets[0];
  if (!first) return { ok: false, problems: [{ row: null, column: null, message: "The workbook has no sheets." }] };
  return catalogueFromRows(worksheetToSheet(first).rows.map((row) => row.map((c) => c.value)));
}
