// `npm run package`: writes the Excel add-in's manifest for this deployment to
// build/excel-addin/manifest.xml, every URL on TOMS_PUBLIC_URL (default https://localhost:3978,
// the address the service uses locally). Office loads add-ins over HTTPS only.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TEMPLATE_ORIGIN = "https://localhost:3978";
const raw = (process.env.TOMS_PUBLIC_URL ?? "").trim() || TEMPLATE_ORIGIN;

let base;
try {
  base = new URL(raw);
} catch {
  console.error(`TOMS_PUBLIC_URL is "${raw}", which is not a web address. Set it to the service's public HTTPS address, e.g. https://toms.example.gov.uk`);
  process.exit(2);
}
if (base.protocol !== "https:") {
  console.error(`TOMS_PUBLIC_URL is "${raw}": Office loads add-ins over HTTPS only. Use the https:// address the service is reached at.`);
  process.exit(2);
}
if (base.search || base.hash) {
  console.error(`TOMS_PUBLIC_URL is "${raw}": give the address without ? or #.`);
  process.exit(2);
}
// The service may sit under a path (https://host/toms); the add-in is at <base>/addin/.
const publicUrl = `${base.origin}${base.pathname.replace(/\/+$/, "")}`;
const escaped = publicUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

const template = readFileSync(join(root, "manifest", "excel-addin.xml"), "utf8");
const manifest = template.split(TEMPLATE_ORIGIN).join(escaped).replace(/<AppDomain>[^<]*<\/AppDomain>/, `<AppDomain>${base.origin}</AppDomain>`);
const out = join(root, "build", "excel-addin", "manifest.xml");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, manifest);
console.log(`Wrote ${relative(root, out)} for ${publicUrl}/addin/`);
