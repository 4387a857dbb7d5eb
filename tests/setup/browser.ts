// Finds the test browser once, before any test runs: the packaged Chromium, when it is the one
// used, is extracted here rather than by two test workers at once.
import { findBrowser } from "../support/browser.js";

export function setup(): void {
  findBrowser();
}
