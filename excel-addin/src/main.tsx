// The task pane's entry: inside Excel it signs in and shows the flows; opened anywhere else it
// says where it runs and how to sideload it.
import { createRoot } from "react-dom/client";
import { createSession } from "./auth/session.js";
import { builtInLookup, registerFunctions, setCatalogueLookup } from "./functions/functions.js";
import { App } from "./ui/App.js";
import { OutsideOffice } from "./ui/OutsideOffice.js";
import { catalogueCache } from "./ui/catalogues.js";

/** How long to wait for Office before deciding the page is not inside Office. */
const OFFICE_WAIT_MS = 5000;

function officeHost(): Promise<{ inExcel: boolean; dark: boolean }> {
  if (typeof Office === "undefined") return Promise.resolve({ inExcel: false, dark: false });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ inExcel: false, dark: false }), OFFICE_WAIT_MS);
    Office.onReady((info) => {
      clearTimeout(timer);
      const inExcel = info.host === Office.HostType.Excel;
      resolve({ inExcel, dark: inExcel && isDark(Office.context.officeTheme?.bodyBackgroundColor) });
    }).catch(() => resolve({ inExcel: false, dark: false }));
  });
}

/** Office's theme: a dark body background means a dark theme. */
function isDark(color: string | undefined): boolean {
  const hex = /^#?([0-9a-f]{6})$/i.exec(color ?? "")?.[1];
  if (!hex) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * (r ?? 255) + 0.7152 * (g ?? 255) + 0.0722 * (b ?? 255) < 128;
}

async function start(): Promise<void> {
  const element = document.getElementById("root");
  if (!element) return;
  const root = createRoot(element);
  const { inExcel, dark } = await officeHost();
  if (!inExcel) {
    root.render(<OutsideOffice />);
    return;
  }
  const session = createSession(window.location.origin);
  const catalogues = catalogueCache(session);
  setCatalogueLookup((version) => (session.signedIn() ? catalogues.get(version) : builtInLookup(version)));
  registerFunctions();
  root.render(<App session={session} catalogues={catalogues} dark={dark} />);
}

void start();
