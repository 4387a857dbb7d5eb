// Zip packages built byte by byte, for tests of what a reader does with a small file that
// inflates to far more than it should: a real .xlsx with one more part of zeros added.
import { crc32, deflateRawSync, constants } from "node:zlib";
import JSZip from "jszip";

interface Part {
  name: string;
  /** The deflated bytes. */
  data: Buffer;
  crc: number;
  /** The uncompressed size the package declares (a forged package may declare less). */
  declaredSize: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** A zip package of deflated parts, with local headers, a central directory and its end record. */
function zipOf(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const common = [u16(0), u16(8), u16(0), u16(0x21), u32(part.crc), u32(part.data.length), u32(part.declaredSize), u16(name.length), u16(0)];
    const local = Buffer.concat([u32(0x04034b50), u16(20), ...common, name, part.data]);
    centrals.push(Buffer.concat([u32(0x02014b50), u16(20), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(directory.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, directory, end]);
}

/** `megabytes` MB of zeros, deflated: 1 MB flushed on its own repeats, then an empty last block. */
function deflatedZeros(megabytes: number): { data: Buffer; crc: number } {
  const mb = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(mb, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(mb, crc);
  return { data: Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]), crc };
}

/**
 * The workbook with one more part of `megabytes` MB of zeros (a zip bomb), declaring its true
 * size, or forged to declare 1 kB.
 */
export async function withZipBomb(workbook: Uint8Array, megabytes: number, declared: "true size" | "forged size"): Promise<Buffer> {
  const zip = await JSZip.loadAsync(workbook);
  const parts: Part[] = [];
  for (const file of Object.values(zip.files)) {
    if (file.dir) continue;
    const content = await file.async("nodebuffer");
    parts.push({ name: file.name, data: deflateRawSync(content), crc: crc32(content), declaredSize: content.length });
  }
  const zeros = deflatedZeros(megabytes);
  parts.push({ name: "xl/media/zeros.bin", data: zeros.data, crc: zeros.crc, declaredSize: declared === "true size" ? megabytes * 1024 * 1024 : 1024 });
  return zipOf(parts);
}
