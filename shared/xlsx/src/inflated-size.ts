// How large an .xlsx package is once uncompressed, found by inflating it with yauzl under a limit:
// a zip bomb (a small file with a huge part) is stopped as soon as it passes the limit, before
// exceljs would inflate it in full. The declared sizes are not trusted alone: yauzl stops any
// entry that inflates to more than it declares, and the bytes are counted as they come.
import type { ZipFile } from "yauzl";

/** Whether a package inflates to at most the limit, more, or is no zip package at all. */
export type InflatedSize = "within-limit" | "too-large" | "not-a-zip";

/** Inflates every part of a zip package, counting, and stops past `limit` bytes in all. */
export async function checkInflatedSize(bytes: Uint8Array, limit: number): Promise<InflatedSize> {
  // Loaded here, not with the module: only catalogue workbooks need it.
  const { fromBufferPromise } = await import("yauzl");
  let zip: ZipFile;
  try {
    zip = await fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { validateEntrySizes: true });
  } catch {
    return "not-a-zip";
  }
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (total + entry.uncompressedSize > limit) return "too-large";
      // Inflated in zlib's chunks, off the event loop's back: a part never blocks it for long.
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        total += (chunk as Buffer).length;
        if (total > limit) return "too-large";
      }
    }
  } catch {
    // Damaged data, a part larger than it declares, or encryption: not a workbook we can read.
    return "not-a-zip";
  } finally {
    zip.close();
  }
  return "within-limit";
}
