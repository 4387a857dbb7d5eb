// exceljs reads and writes cells, formats, validation, images and tables, but drops charts,
// pivot tables, slicers and chart sheets when it saves. These relationship types mark them.
const UNKEPT_RELATIONSHIPS = /\/(chart|drawing|pivotTable|slicer|timeline)"/;

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
}

/**
 * The sheets of an .xlsx file that hold content exceljs would lose on saving (charts, drawings,
 * pivot tables, slicers), and whether the workbook has chart sheets. Read from the package's
 * parts, so it sees what exceljs itself does not load.
 */
export async function partsExcelJsCannotKeep(bytes: Uint8Array): Promise<{ sheets: string[]; chartSheets: boolean }> {
  // Loaded here, not with the module: only `toms score --write` needs it, and start-up is most of a command's time.
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => (await zip.file(path)?.async("string")) ?? "";
  const workbook = await text("xl/workbook.xml");
  const workbookRels = await text("xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  for (const tag of workbookRels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, ""));
  }
  const sheets: string[] = [];
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, "name");
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (!name || !target) continue;
    const file = target.split("/").pop() ?? "";
    const rels = await text(`xl/worksheets/_rels/${file}.rels`);
    if (UNKEPT_RELATIONSHIPS.test(rels)) sheets.push(name.replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
  }
  return { sheets, chartSheets: Object.keys(zip.files).some((path) => path.startsWith("xl/chartsheets/")) };
}
