// The test page's stand-in for Office: loaded instead of office.js, it gives the real task pane
// an office-addin-mock workbook, exposed as window.tomsWorkbook for the test to type into and read.
import { FakeExcel } from "./fake-excel.js";

const excel = new FakeExcel().install(window as { Excel?: unknown });
const info = { host: "Excel", platform: "OfficeOnline" };
Object.assign(window, {
  Office: {
    HostType: { Excel: "Excel" },
    context: {},
    onReady: (callback?: (ready: typeof info) => void) => {
      callback?.(info);
      return Promise.resolve(info);
    },
  },
  OfficeExtension: { Error: class OfficeError extends Error {} },
  tomsWorkbook: excel,
});
