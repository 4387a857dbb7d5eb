// @toms/xlsx: .xlsx files <-> the domain's workbook grid, with exceljs (Node only). Shared by the
// toms CLI and the service.
export { readXlsx, fromGrid, replaceSheets, worksheetToSheet } from "./xlsx.js";
export { catalogueFromXlsx } from "./catalogue.js";
export { partsExcelJsCannotKeep } from "./unkept.js";
export { socialValueReportWorkbook, type SocialValueWorkbookOptions } from "./social-value-report.js";
