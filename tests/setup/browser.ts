// Prepares the browser tests once, before any test runs, rather than in two test workers at once:
// finds the test browser (the packaged Chromium, when it is the one used, is extracted here) and
// builds what the test host serves (tests/support/addin-host.ts).
import { findBrowser } from "../support/browser.js";
import { buildAddinHost } from "../support/addin-build.js";

export function setup(): void {
  findBrowser();
  buildAddinHost();
}
