// `npm run package`: writes what Microsoft 365 needs to load the suite from this deployment, every
// URL on TOMS_PUBLIC_URL (default https://localhost:3978, the address the service uses locally
// behind an HTTPS proxy). Office and Teams load add-ins and tabs over HTTPS only.
// - The Excel add-in's manifest, build/excel-addin/manifest.xml.
// - The Teams app package, build/appPackage/ (manifest.json, color.png, outline.png) and
//   build/appPackage.zip, from manifest/teams/ and the environment (docs/teams-app.md), checked
//   against the official schema that @microsoft/app-manifest ships, offline.
// `--out <folder>` writes them under another folder than build/ (the tests use one of their own).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { AppManifestUtils } from "@microsoft/app-manifest";
import JSZip from "jszip";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TEMPLATE_ORIGIN = "https://localhost:3978";
const args = process.argv.slice(2);
let outFolder = join(root, "build");
if (args.length > 0) {
  if (args[0] !== "--out" || !args[1] || args.length > 2) {
    console.error(`Unknown arguments "${args.join(" ")}". Use: node scripts/package.mjs [--out <folder>]`);
    process.exit(2);
  }
  outFolder = resolve(args[1]);
}
/** A path to print: relative to the repository when it is inside it. */
const shown = (path) => {
  const inside = relative(root, path);
  return inside.startsWith("..") || isAbsolute(inside) ? path : inside;
};

const raw = (process.env.TOMS_PUBLIC_URL ?? "").trim() || TEMPLATE_ORIGIN;

let base;
try {
  base = new URL(raw);
} catch {
  console.error(`TOMS_PUBLIC_URL is "${raw}", which is not a web address. Set it to the service's public HTTPS address, e.g. https://toms.example.gov.uk`);
  process.exit(2);
}
if (base.protocol !== "https:") {
  console.error(`TOMS_PUBLIC_URL is "${raw}": Office loads add-ins, and Teams loads tabs, over HTTPS only. Use the https:// address the service is reached at.`);
  process.exit(2);
}
if (base.search || base.hash) {
  console.error(`TOMS_PUBLIC_URL is "${raw}": give the address without ? or #.`);
  process.exit(2);
}
// The service may sit under a path (https://host/toms); the add-in is at <base>/addin/, the tab at <base>/tab/.
const publicUrl = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;

// The Excel add-in: the template's addresses moved onto the public address.
{
  const escaped = publicUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const template = readFileSync(join(root, "manifest", "excel-addin.xml"), "utf8");
  const manifest = template.split(TEMPLATE_ORIGIN).join(escaped).replace(/<AppDomain>[^<]*<\/AppDomain>/, `<AppDomain>${base.origin}</AppDomain>`);
  const out = join(outFolder, "excel-addin", "manifest.xml");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, manifest);
  console.log(`Wrote ${shown(out)} for ${publicUrl}/addin/`);
}

// The Teams app.
const TEAMS = join(root, "manifest", "teams");
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A fixed id, so that a developer's package replaces their earlier upload instead of adding another.
const DEVELOPMENT_TEAMS_APP_ID = "1e4b6733-0dba-40b7-8601-2776cdd646f8";
const ICONS = ["color.png", "outline.png"];
/** Fields of the manifest whose value is a setting as it is given, to say where to fix it. */
const FIELDS_FROM_SETTINGS = { "developer.name": "TOMS_COUNCIL_NAME" };
const appFolder = join(outFolder, "appPackage");
const zipFile = join(outFolder, "appPackage.zip");
// A package left from an earlier run must not pass for this one if this one fails.
rmSync(appFolder, { recursive: true, force: true });
rmSync(zipFile, { force: true });

const setting = (name) => (process.env[name] ?? "").trim();
const problems = [];
/** Development defaults used, each with what it means for the package. */
const defaults = [];
/** A setting that must be a GUID when it is set; undefined when it is not set or not one. */
function guidSetting(name, what) {
  const value = setting(name);
  if (value && !GUID.test(value)) problems.push(`${name} is "${value}": it must be ${what}, a GUID (32 hexadecimal digits in groups of 8-4-4-4-12, such as 6f9619ff-8b86-d011-b42d-00cf4fc964ff).`);
  return value && GUID.test(value) ? value : undefined;
}

if (!setting("TOMS_PUBLIC_URL")) defaults.push(`TOMS_PUBLIC_URL: ${TEMPLATE_ORIGIN}, this computer behind a local HTTPS proxy.`);
let appId = guidSetting("TOMS_TEAMS_APP_ID", "the Teams app's id");
if (!appId && !setting("TOMS_TEAMS_APP_ID")) {
  appId = DEVELOPMENT_TEAMS_APP_ID;
  defaults.push(`TOMS_TEAMS_APP_ID: ${DEVELOPMENT_TEAMS_APP_ID}, the same for every developer.`);
}
const botId = guidSetting("MicrosoftAppId", "the bot's Microsoft App ID (its Azure Bot registration)");
if (!setting("MicrosoftAppId")) {
  defaults.push("MicrosoftAppId: not set, so the package has no bot (Teams refuses to upload a bot that is not registered with Azure Bot Service).");
}
const clientId = guidSetting("TOMS_ENTRA_CLIENT_ID", "the Application (client) ID of the service's Entra app registration");
if (!setting("TOMS_ENTRA_CLIENT_ID")) {
  if (setting("TOMS_ENTRA_TENANT_ID")) {
    problems.push("TOMS_ENTRA_TENANT_ID is set, so the service signs people in with Microsoft Entra ID, but TOMS_ENTRA_CLIENT_ID is not: the tab needs the app registration's Application (client) ID for Teams single sign-on. Set TOMS_ENTRA_CLIENT_ID as the service has it.");
  } else {
    defaults.push("TOMS_ENTRA_CLIENT_ID: not set, so the tab has no Teams single sign-on and signs in as a development service does.");
  }
}
// Teams asks Entra ID for a token for this resource; Entra ID requires it to be an Application ID
// URI of the registration, on the tab's own host (lower case, port included when there is one).
const resource = clientId ? `api://${base.host}/${clientId}` : undefined;
const audience = setting("TOMS_ENTRA_AUDIENCE");
if (clientId && audience) {
  // A v2 token's audience is the client id; a v1 token's is the Application ID URI.
  const audiences = audience.split(",").map((a) => a.trim()).filter(Boolean);
  if (!audiences.includes(clientId) && !audiences.includes(resource)) {
    problems.push(`TOMS_ENTRA_AUDIENCE is "${audience}", which has neither ${clientId} (TOMS_ENTRA_CLIENT_ID) nor ${resource}: the service would refuse the tokens Teams gets for the tab. Add one of them to TOMS_ENTRA_AUDIENCE, or build the package with the TOMS_PUBLIC_URL the service is reached at.`);
  }
}

if (problems.length > 0) {
  console.error(`The Teams app package was not written:\n  ${problems.join("\n  ")}`);
  process.exit(2);
}

const values = {
  VERSION: JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version,
  TOMS_TEAMS_APP_ID: appId,
  TOMS_COUNCIL_NAME: setting("TOMS_COUNCIL_NAME") || "Coventry City Council",
  TOMS_PUBLIC_URL: publicUrl,
  TOMS_PUBLIC_HOST: base.host,
  MicrosoftAppId: botId,
  TOMS_ENTRA_CLIENT_ID: clientId,
};
const template = JSON.parse(readFileSync(join(TEAMS, "manifest.json"), "utf8"));
if (!botId) {
  delete template.bots;
  // "conversations" places the bot's chat among the personal tabs; without a bot there is none.
  template.staticTabs = template.staticTabs.filter((tab) => tab.entityId !== "conversations");
  // Nor does the description offer one: its bot sentences are the template's last two.
  template.description.full = template.description.full.replace(/ The TOMs Suite bot [^]*$/, "");
}
if (!clientId) delete template.webApplicationInfo;

/** The template with every ${{NAME}} replaced by its value. */
function fill(node, path) {
  if (typeof node === "string") {
    return node.replace(/\$\{\{(\w+)\}\}/g, (_, name) => {
      if (values[name] === undefined) throw new Error(`manifest/teams/manifest.json: ${path} names \${{${name}}}, which package.mjs does not fill.`);
      return values[name];
    });
  }
  if (Array.isArray(node)) return node.map((item, i) => fill(item, `${path}[${i}]`));
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, path ? `${path}.${key}` : key)]));
  return node;
}

const manifestFile = join(appFolder, "manifest.json");
mkdirSync(appFolder, { recursive: true });
writeFileSync(manifestFile, `${JSON.stringify(fill(template, ""), null, 2)}\n`);
for (const icon of ICONS) copyFileSync(join(TEAMS, "icons", icon), join(appFolder, icon));

// What was written is what is checked, against the schema @microsoft/app-manifest ships for the
// manifest's $schema. Any other $schema would make the package fetch it: refuse it instead.
const written = JSON.parse(readFileSync(manifestFile, "utf8"));
const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/;
const schemaVersion = SCHEMA_URL.exec(written.$schema ?? "")?.[1];
const schemasFolder = join(dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest")), "json-schemas", "teams");
if (!schemaVersion || !existsSync(join(schemasFolder, schemaVersion, "MicrosoftTeams.schema.json"))) {
  console.error(
    `The Teams app manifest ${shown(manifestFile)} does not validate: $schema is "${written.$schema ?? ""}", which is not a schema @microsoft/app-manifest ships ` +
      "(https://developer.microsoft.com/json-schemas/teams/v<version>/MicrosoftTeams.schema.json, with a version in node_modules/@microsoft/app-manifest/build/json-schemas/teams/).",
  );
  process.exit(1);
}
const errors = await AppManifestUtils.validateAgainstSchema(written);
if (errors.length > 0) {
  console.error(`The Teams app manifest ${shown(manifestFile)} does not validate against the ${schemaVersion} schema:\n  ${errors.map(describeError).join("\n  ")}`);
  process.exit(1);
}

const zip = new JSZip();
zip.file("manifest.json", readFileSync(manifestFile));
for (const icon of ICONS) zip.file(icon, readFileSync(join(appFolder, icon)));
writeFileSync(zipFile, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
console.log(`Wrote ${shown(manifestFile)}, the two icons and ${shown(zipFile)} for ${publicUrl}/tab/ (Teams app ${appId}, manifest ${schemaVersion})`);
if (defaults.length > 0) {
  console.log(`Development defaults in the Teams app package:\n  ${defaults.join("\n  ")}`);
  const where = setting("TOMS_PUBLIC_URL") ? "" : " on this computer";
  console.log(`With them the package is only for trying the tab${where}, sideloaded (docs/teams-app.md, "Sideloading"). Set them for the council's Teams.`);
}

/**
 * One schema error in words, naming the field as the manifest writes it:
 * "/name/short must NOT have more than 30 characters. Details: {...}" -> "name.short: must NOT ...".
 */
function describeError(error) {
  const match = /^(\S*) (.*?)\. Details: (.*)$/s.exec(error);
  if (!match) return error;
  const [, pointer, message, detailText] = match;
  let details = {};
  try {
    details = JSON.parse(detailText);
  } catch {
    // The details are extra; the message stands without them.
  }
  const field = pointer.split("/").filter(Boolean).reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "");
  if (details.missingProperty) return `${field ? `${field}.` : ""}${details.missingProperty}: is required`;
  if (details.additionalProperty) return `${field ? `${field}.` : ""}${details.additionalProperty}: is not a field of the manifest`;
  const allowed = details.allowedValue ?? details.allowedValues;
  const from = FIELDS_FROM_SETTINGS[field] ? ` (from ${FIELDS_FROM_SETTINGS[field]})` : "";
  return `${field || "(the manifest)"}${from}: ${message}${allowed !== undefined ? ` (${JSON.stringify(allowed)})` : ""}`;
}
