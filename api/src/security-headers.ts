// The security headers of every answer (helmet): one policy for the JSON API and the pages without
// script, and one for each built user interface, whose frame-ancestors name the hosts that load it.
import type { RequestHandler } from "express";
import helmet, { strictTransportSecurity } from "helmet";

/**
 * Who may frame the tab: Teams and the other Microsoft 365 hosts Microsoft lists for tabs (Teams'
 * tab requirements), and the service itself. No other page can frame its buttons (clickjacking).
 */
const TAB_FRAME_ANCESTORS = "frame-ancestors 'self' https://*.cloud.microsoft https://teams.microsoft.com https://*.teams.microsoft.com https://*.microsoft365.com https://*.office.com https://outlook.office.com https://outlook.office365.com";

/**
 * Who may frame the Excel add-in's pane: Excel on the web, whose add-in frame sits on
 * *.officeapps.live.com inside the workbook's page on SharePoint or OneDrive (*.sharepoint.com for
 * work accounts, onedrive.live.com for personal ones), office.com / office365.com and the newer
 * *.cloud.microsoft (excel.cloud.microsoft); Excel on the desktop opens the pane as a page of its
 * own, which frame-ancestors does not restrict.
 */
const ADDIN_FRAME_ANCESTORS = "frame-ancestors 'self' https://*.officeapps.live.com https://*.sharepoint.com https://onedrive.live.com https://*.office.com https://*.office365.com https://*.cloud.microsoft";

/**
 * teams-js asks Microsoft's CDN for the current list of Teams' origins (it falls back to the list
 * it ships when it cannot): the tab may fetch exactly that file.
 */
const TEAMS_VALID_ORIGINS = "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json";

/**
 * What a built UI loads: its scripts and Office.js from this service (the add-in ships Office.js
 * beside itself, so nothing comes from a CDN); styles inline too, because Fluent UI and Office.js
 * write them at run time; calls to this service and, in Entra sign-in, MSAL's to
 * login.microsoftonline.com (and its hidden frame there for a silent sign-in); and `connect`, what
 * else the UI fetches.
 */
function uiDirectives(connect: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", "https://login.microsoftonline.com", ...connect].join(" ")}`,
    "frame-src https://login.microsoftonline.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/** The JSON API and everything without a page of its own: nothing may load, nobody may frame it. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The tab's policy: Teams' hosts may frame it. */
const TAB_CONTENT_SECURITY_POLICY = `${uiDirectives([TEAMS_VALID_ORIGINS])}; ${TAB_FRAME_ANCESTORS}`;

/** The add-in's policy: Excel on the web's hosts may frame it. */
const ADDIN_CONTENT_SECURITY_POLICY = `${uiDirectives([])}; ${ADDIN_FRAME_ANCESTORS}`;

/**
 * Helmet's headers on every answer. Pages that send their own stricter policy (home, docs, the
 * diversity form) set it after this and replace it. HSTS only reaches a browser over HTTPS: when
 * the public address is https (TLS ends in front of the service), or a proxy on this machine says
 * the request came over HTTPS (req.secure, trust proxy loopback); never on plain http loopback,
 * where it would make the browser refuse http://localhost for a year.
 */
export function securityHeaders(options: { publicUrl: string }): RequestHandler {
  const alwaysHttps = options.publicUrl.startsWith("https://");
  const common = {
    // Teams and MSAL sign in through a popup that must be able to answer the page that opened it.
    crossOriginOpenerPolicy: { policy: "same-origin-allow-popups" as const },
    referrerPolicy: { policy: "no-referrer" as const },
    strictTransportSecurity: false,
  };
  // A year, this host only: the council's other hosts under the same domain are not this service's to decide.
  const hsts = strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: false });
  const api = helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: parse(API_CONTENT_SECURITY_POLICY) }, xFrameOptions: { action: "deny" } });
  // The UIs are framed by Microsoft's hosts: frame-ancestors says which, so X-Frame-Options (which
  // can name no other host) is left out, and other sites may embed them (CORP cross-origin).
  const ui = (policy: string) => helmet({ ...common, contentSecurityPolicy: { useDefaults: false, directives: parse(policy) }, xFrameOptions: false, crossOriginResourcePolicy: { policy: "cross-origin" } });
  const tab = ui(TAB_CONTENT_SECURITY_POLICY);
  const addin = ui(ADDIN_CONTENT_SECURITY_POLICY);
  return (req, res, next) => {
    const chosen = req.path.startsWith("/tab/") || req.path === "/tab" ? tab : req.path.startsWith("/addin/") ? addin : api;
    chosen(req, res, (error?: unknown) => {
      if (error || !(alwaysHttps || req.secure)) return next(error);
      hsts(req, res, next);
    });
  };
}

/** "a b; c d" -> { a: ["b"], c: ["d"] }, helmet's form of a policy. */
function parse(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name as string, values]));
}
