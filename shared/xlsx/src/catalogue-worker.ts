// Reads a catalogue workbook's first sheet in a worker thread (catalogue.ts starts it): exceljs
// parses a workbook in one piece, and in a worker that never holds up the service's event loop.
import { parentPort, workerData } from "node:worker_threads";
import ExcelJS from "exceljs";
import type { CellValue } from "@toms/domain/evaluation";
import { worksheetToSheet } from "./xlsx.js";

/** What the worker answers: the first sheet's values, at most `maxRows` rows of them. */
export type SheetReading = { kind: "rows"; rows: CellValue[][] } | { kind: "not-a-workbook" } | { kind: "no-sheets" };

const { bytes, maxRows } = workerData as { bytes: Uint8Array; maxRows: number };
const excel = new ExcelJS.Workbook();
let answer: SheetReading;
try {
  await excel.xlsx.load(bytes as unknown as ArrayBuffer);
  const first = excel.worksheets[0];
  answer = first ? { kind: "rows", rows: worksheetToSheet(first).rows.slice(0, maxRows).map((row) => row.map((c) => c.value)) } : { kind: "no-sheets" };
} catch {
  answer = { kind: "not-a-workbook" };
}
parentPort?.postMessage(answer);
