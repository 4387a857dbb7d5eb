// Catalogue files as .xlsx: the first sheet in the exchange format, read within CATALOGUE_LIMITS.
// The package is measured as it inflates first (a zip bomb stops there), then parsed by exceljs in
// a worker thread with a memory limit, so the event loop is never blocked by a large workbook.
// Workers run two at a time in a process, however many uploads come in: the rest wait their turn.
import { Worker } from "node:worker_threads";
import pLimit from "p-limit";
import { CATALOGUE_LIMITS, catalogueFromRows, type CatalogueReadResult } from "@toms/domain/evaluation";
import type { SheetReading } from "./catalogue-worker.js";
import { checkInflatedSize } from "./inflated-size.js";

const NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx).";
const TOO_LARGE = `The workbook holds more than ${CATALOGUE_LIMITS.workbookBytes / 1024 / 1024} MB once uncompressed, more than any catalogue needs. Save the catalogue on its own, as CSV or as a workbook with just its sheet.`;
/** Heap for parsing a workbook within the limit above, with room to spare (measured: about 110 MB
 * at the limit); a forged workbook that needs more is refused, not let grow. */
const WORKER_HEAP_MB = 256;
/** Readers at once in one process: each may take its heap above, so ten uploads never take ten. */
const READERS_AT_ONCE = 2;
const readerTurn = pLimit(READERS_AT_ONCE);
const refusal = (message: string): CatalogueReadResult => ({ ok: false, problems: [{ row: null, column: null, message }], unlisted: 0 });

/**
 * The first sheet's values, read by exceljs in a worker; `null` when the worker ran out of memory.
 * Settles when the worker has exited, so that its turn ends only once its memory is given back.
 */
function readFirstSheet(bytes: Uint8Array): Promise<SheetReading | null> {
  return new Promise((resolve, reject) => {
    // The header, the rows a file may hold, and one more to tell that there are too many.
    const worker = new Worker(new URL("./catalogue-worker.js", import.meta.url), {
      workerData: { bytes, maxRows: CATALOGUE_LIMITS.rows + 2 },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let answer: SheetReading | null | undefined;
    let failure: Error | undefined;
    worker.once("message", (reading: SheetReading) => (answer = reading));
    worker.once("error", (error: NodeJS.ErrnoException) => (error.code === "ERR_WORKER_OUT_OF_MEMORY" ? (answer = null) : (failure = error)));
    worker.once("exit", (code) => {
      if (failure) reject(failure);
      else if (answer !== undefined) resolve(answer);
      else reject(new Error(`The workbook reader stopped with exit code ${code} before answering.`));
    });
  });
}

/** Reads catalogues from the first sheet of an .xlsx file's bytes, in the exchange format. */
export async function catalogueFromXlsx(bytes: Uint8Array): Promise<CatalogueReadResult> {
  const size = await checkInflatedSize(bytes, CATALOGUE_LIMITS.workbookBytes);
  if (size !== "within-limit") return refusal(size === "too-large" ? TOO_LARGE : NOT_A_WORKBOOK);
  const sheet = await readerTurn(() => readFirstSheet(bytes));
  if (sheet === null) return refusal(TOO_LARGE);
  if (sheet.kind === "not-a-workbook") return refusal(NOT_A_WORKBOOK);
  if (sheet.kind === "no-sheets") return refusal("The workbook has no sheets.");
  return catalogueFromRows(sheet.rows);
}
