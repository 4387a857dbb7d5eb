// A bar chart on a sheet of an .xlsx that exceljs has written. exceljs cannot write charts, so the
// chart's parts (DrawingML) are added to the zip afterwards: the chart, the drawing that places it
// on the sheet, the relationships between them, the sheet's <drawing> and the content types.
import JSZip from "jszip";

/** A range of cells on the chart's sheet, with the values it holds now (the chart's cache). */
export interface ChartRange<T> {
  /** e.g. "A10:A14" or "B9". */
  cells: string;
  values: T[];
}

export interface BarChartSpec {
  /** The name of the sheet the chart sits on and takes its data from. */
  sheet: string;
  title: string;
  categories: ChartRange<string>;
  series: { name: ChartRange<string>; values: ChartRange<number> }[];
  /** The cells of the chart's top-left and bottom-right corners, counted from 0. */
  from: { col: number; row: number };
  to: { col: number; row: number };
  /** The value axis's number format, e.g. "£#,##0". */
  numberFormat: string;
}

const NS = {
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
  relChart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  relDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chartType: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  drawingType: "application/vnd.openxmlformats-officedocument.drawing+xml",
};

// Series colours: the default Office palette's first two, readable in print and in greyscale.
const COLOURS = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An absolute reference on the sheet: 'Summary'!$A$10:$A$14. */
function reference(sheet: string, cells: string): string {
  const absolute = cells
    .split(":")
    .map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2"))
    .join(":");
  return `'${sheet.replace(/'/g, "''")}'!${absolute}`;
}

function strRef(sheet: string, range: ChartRange<string>): string {
  const points = range.values.map((v, i) => `<c:pt idx="${i}"><c:v>${xml(v)}</c:v></c:pt>`).join("");
  return `<c:strRef><c:f>${xml(reference(sheet, range.cells))}</c:f><c:strCache><c:ptCount val="${range.values.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(sheet: string, range: ChartRange<number>): string {
  const points = range.values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join("");
  return `<c:numRef><c:f>${xml(reference(sheet, range.cells))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${range.values.length}"/>${points}</c:numCache></c:numRef>`;
}

/** The chart part: horizontal clustered bars, categories top to bottom in the table's order. */
function chartXml(spec: BarChartSpec): string {
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(spec.sheet, s.name)}</c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${COLOURS[i % COLOURS.length]}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
        `<c:cat>${strRef(spec.sheet, spec.categories)}</c:cat><c:val>${numRef(spec.sheet, s.values)}</c:val></c:ser>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${xml(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    // maxMin puts the first category at the top, as in the table; the value axis then crosses at the bottom ("max").
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>` +
    `<c:numFmt formatCode="${xml(spec.numberFormat)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(spec: BarChartSpec, chartRelId: string): string {
  const corner = (tag: string, at: { col: number; row: number }) => `<xdr:${tag}><xdr:col>${at.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${at.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:twoCellAnchor>${corner("from", spec.from)}${corner("to", spec.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${xml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="${chartRelId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

async function text(zip: JSZip, path: string): Promise<string | undefined> {
  return zip.file(path)?.async("string");
}

/** The first free part name: xl/charts/chart1.xml, chart2.xml... */
function freePart(zip: JSZip, folder: string, stem: string): { path: string; n: number } {
  for (let n = 1; ; n++) {
    const path = `${folder}/${stem}${n}.xml`;
    if (!zip.file(path)) return { path, n };
  }
}

/** The relationships part with one more relationship, and that relationship's id. */
function withRelationship(rels: string | undefined, type: string, target: string): { xml: string; id: string } {
  const existing = rels ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}"></Relationships>`;
  const used = new Set([...existing.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const relationship = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return { xml: existing.includes("</Relationships>") ? existing.replace("</Relationships>", `${relationship}</Relationships>`) : existing.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${relationship}</Relationships>`), id };
}

// CT_Worksheet's children after <drawing>: it must come before the first of these that is present.
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

/** The path of a sheet's part, found through the workbook and its relationships. */
async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const workbook = (await text(zip, "xl/workbook.xml")) ?? "";
  const rels = (await text(zip, "xl/_rels/workbook.xml.rels")) ?? "";
  const entry = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${xml(sheet)}"`));
  const relId = entry && /r:id="([^"]+)"/.exec(entry)?.[1];
  const target = relId && new RegExp(`<Relationship\\b[^>]*Id="${relId}"[^>]*>`).exec(rels)?.[0].match(/Target="([^"]+)"/)?.[1];
  if (!target) throw new Error(`The workbook has no sheet named "${sheet}" to put a chart on.`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The .xlsx with a bar chart added on the spec's sheet. The sheet must have no drawing yet. */
export async function addBarChart(xlsx: Uint8Array, spec: BarChartSpec): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPath = await sheetPart(zip, spec.sheet);
  const sheetXml = (await text(zip, sheetPath)) ?? "";
  if (sheetXml.includes("<drawing ")) throw new Error(`The sheet "${spec.sheet}" already has a drawing; this writer adds the first one only.`);

  const chart = freePart(zip, "xl/charts", "chart");
  const drawing = freePart(zip, "xl/drawings", "drawing");
  zip.file(chart.path, chartXml(spec));
  const drawingRels = withRelationship(undefined, NS.relChart, `../charts/chart${chart.n}.xml`);
  zip.file(drawing.path, drawingXml(spec, drawingRels.id));
  zip.file(`xl/drawings/_rels/drawing${drawing.n}.xml.rels`, drawingRels.xml);

  const sheetName = sheetPath.slice(sheetPath.lastIndexOf("/") + 1);
  const sheetRelsPath = `${sheetPath.slice(0, sheetPath.lastIndexOf("/"))}/_rels/${sheetName}.rels`;
  const sheetRels = withRelationship(await text(zip, sheetRelsPath), NS.relDrawing, `../drawings/drawing${drawing.n}.xml`);
  zip.file(sheetRelsPath, sheetRels.xml);
  const at = Math.min(...AFTER_DRAWING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
  zip.file(sheetPath, `${sheetXml.slice(0, at)}<drawing r:id="${sheetRels.id}"/>${sheetXml.slice(at)}`);

  const types = (await text(zip, "[Content_Types].xml")) ?? "";
  const overrides = `<Override PartName="/${chart.path}" ContentType="${NS.chartType}"/><Override PartName="/${drawing.path}" ContentType="${NS.drawingType}"/>`;
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides}</Types>`));

  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}
