// The Teams app package as `npm run package` writes it, run as a child process into a folder of
// the test's own: the manifest against the official schema that @microsoft/app-manifest ships
// (offline: every run here has fetch refused), the tabs, bot and single sign-on it declares, its
// addresses, the zip and the icons. Development defaults and refused settings are checked too.
import { AppManifestUtils, type TeamsManifestV1D30 } from "@microsoft/app-manifest";
import JSZip from "jszip";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "../support/service.js";

type Manifest = TeamsManifestV1D30.TeamsManifestV1D30;

const root = join(import.meta.dirname, "..", "..");
const ICONS = join(root, "manifest", "teams", "icons");
const SCHEMA_URL = "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json";
const APP_ID = "8d2f8b0e-5c3a-4b57-9f0e-2a6f1c7d9b34";
const BOT_ID = "3b9e4c1a-7f2d-4e8b-a6c5-0d1f2e3a4b5c";
const CLIENT_ID = "c0ffee00-1234-4abc-8def-0123456789ab";
const PUBLIC_URL = "https://toms.example.gov.uk/suite/";
// Everything the script reads, so that the machine's own settings cannot leak into a run.
const SETTINGS = ["TOMS_PUBLIC_URL", "TOMS_TEAMS_APP_ID", "MicrosoftAppId", "TOMS_ENTRA_CLIENT_ID", "TOMS_ENTRA_TENANT_ID", "TOMS_ENTRA_AUDIENCE", "TOMS_COUNCIL_NAME"];
const CONFIGURED = {
  TOMS_PUBLIC_URL: PUBLIC_URL,
  TOMS_TEAMS_APP_ID: APP_ID,
  MicrosoftAppId: BOT_ID,
  TOMS_ENTRA_TENANT_ID: "5f1e2d3c-4b5a-4968-8776-655443322110",
  TOMS_ENTRA_CLIENT_ID: CLIENT_ID,
  TOMS_ENTRA_AUDIENCE: `api://toms.example.gov.uk/${CLIENT_ID}`,
};

const work = mkdtempSync(join(tmpdir(), "toms-teams-package-"));
// Loaded before the script in every run: any attempt to fetch (a schema from the web) fails it.
const NO_NETWORK = join(work, "no-network.mjs");
writeFileSync(NO_NETWORK, 'globalThis.fetch = async (url) => { throw new Error(`The package script tried to fetch ${url}`); };\n');

interface Run {
  status: number | null;
  output: string;
  out: string;
}

let runs = 0;
/** `node scripts/package.mjs --out <a new folder>` with exactly these settings. */
function packageWith(settings: Record<string, string>): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SETTINGS) delete env[name];
  Object.assign(env, settings);
  const out = join(work, `run-${++runs}`);
  const run = spawnSync(process.execPath, ["--import", pathToFileURL(NO_NETWORK).href, join(root, "scripts", "package.mjs"), "--out", out], { cwd: root, env, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}`, out };
}

const manifestOf = (run: Run): Manifest => JSON.parse(readFileSync(join(run.out, "appPackage", "manifest.json"), "utf8")) as Manifest;

/** Every string in the manifest that is a web address, but its $schema (which names Microsoft's schema). */
function addresses(node: unknown, key = ""): string[] {
  if (typeof node === "string") return key !== "$schema" && /^https?:\/\//i.test(node) ? [node] : [];
  if (Array.isArray(node)) return node.flatMap((item) => addresses(item));
  if (node && typeof node === "object") return Object.entries(node).flatMap(([name, value]) => addresses(value, name));
  return [];
}

let configured: Run;
let development: Run;
let realFetch: typeof fetch;

beforeAll(() => {
  configured = packageWith(CONFIGURED);
  development = packageWith({});
  realFetch = globalThis.fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Validation in this process with fetch refused, so a pass cannot come from a schema on the web. */
async function validateOffline(manifest: unknown): Promise<string[]> {
  globalThis.fetch = () => Promise.reject(new Error("The validator tried to fetch its schema."));
  return AppManifestUtils.validateAgainstSchema(manifest as Manifest);
}

describe("the Teams app package for a deployment", () => {
  it("is written, and its manifest validates against the v1.30 schema shipped by @microsoft/app-manifest", async () => {
    expect(configured.status, configured.output).toBe(0);
    expect(configured.output).toContain(`${join(configured.out, "appPackage.zip")} for https://toms.example.gov.uk/suite/tab/`);
    const manifest = manifestOf(configured);
    expect(manifest.manifestVersion).toBe("1.30");
    expect(manifest.$schema).toBe(SCHEMA_URL);
    // The schema is read from the package itself, where this URL leads.
    const shipped = join(dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest")), "json-schemas", "teams", "v1.30", "MicrosoftTeams.schema.json");
    expect(existsSync(shipped)).toBe(true);
    globalThis.fetch = () => Promise.reject(new Error("The validator tried to fetch its schema."));
    const [read, errors] = await AppManifestUtils.readAndValidateTeamsManifest(join(configured.out, "appPackage", "manifest.json"));
    expect(errors).toEqual([]);
    expect(read.id).toBe(APP_ID);
  });

  it("has the personal Contracts tab, the configurable channel tab and the bot with its commands", () => {
    const manifest = manifestOf(configured);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.developer.name).toBe("Coventry City Council");
    expect(manifest.staticTabs).toEqual([
      { entityId: "portfolio", name: "Contracts", contentUrl: "https://toms.example.gov.uk/suite/tab/#/", websiteUrl: "https://toms.example.gov.uk/suite/tab/#/", scopes: ["personal"] },
      { entityId: "conversations", scopes: ["personal"] },
      { entityId: "about", scopes: ["personal"] },
    ]);
    expect(manifest.configurableTabs).toEqual([{ configurationUrl: "https://toms.example.gov.uk/suite/tab/#/config", canUpdateConfiguration: true, scopes: ["team", "groupChat"] }]);
    const [bot] = manifest.bots ?? [];
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.description.full).toContain("The TOMs Suite bot reminds suppliers");
    expect(bot?.botId).toBe(BOT_ID);
    expect(bot?.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot?.supportsFiles).toBe(false);
    expect(bot?.commandLists?.flatMap((list) => list.commands.map((command) => command.title))).toEqual(["help", "status", "update", "contracts"]);
  });

  it("declares Teams single sign-on for the service's app registration, on the tab's own host", () => {
    const manifest = manifestOf(configured);
    expect(manifest.webApplicationInfo).toEqual({ id: CLIENT_ID, resource: `api://toms.example.gov.uk/${CLIENT_ID}` });
    expect(manifest.validDomains).toEqual(["toms.example.gov.uk"]);
  });

  it("has every address on TOMS_PUBLIC_URL, and no placeholder left", () => {
    const text = readFileSync(join(configured.out, "appPackage", "manifest.json"), "utf8");
    expect(text).not.toContain("${{");
    expect(text).not.toContain("localhost");
    const urls = addresses(JSON.parse(text));
    // The three of the tabs and the three of the developer.
    expect(urls).toHaveLength(6);
    for (const url of urls) {
      expect(new URL(url).origin, url).toBe("https://toms.example.gov.uk");
      expect(new URL(url).pathname, url).toMatch(/^\/suite\//);
    }
  });

  it("zips exactly manifest.json, color.png and outline.png at its root, as written beside it", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(configured.out, "appPackage.zip")));
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    for (const name of ["manifest.json", "color.png", "outline.png"]) {
      const inZip = await zip.file(name)?.async("nodebuffer");
      expect(inZip?.equals(readFileSync(join(configured.out, "appPackage", name))), name).toBe(true);
    }
  });
});

describe("the icons", () => {
  async function icon(name: string): Promise<PNG> {
    const zip = await JSZip.loadAsync(readFileSync(join(configured.out, "appPackage.zip")));
    const data = await zip.file(name)?.async("nodebuffer");
    if (!data) throw new Error(`${name} is not in the zip`);
    return PNG.sync.read(data);
  }
  const pixel = (png: PNG, x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)];

  it("are the committed PNGs, each drawn from an SVG of its size kept beside it", async () => {
    for (const [name, size] of [["color", 192], ["outline", 32]] as const) {
      const svg = readFileSync(join(ICONS, `${name}.svg`), "utf8");
      expect(svg).toContain(`width="${size}" height="${size}"`);
      expect(readFileSync(join(ICONS, `${name}.png`)).equals(readFileSync(join(configured.out, "appPackage", `${name}.png`)))).toBe(true);
    }
  });

  it("colour: 192x192, on the manifest's accent colour, with a white mark", async () => {
    const png = await icon("color.png");
    expect([png.width, png.height]).toEqual([192, 192]);
    const accent = manifestOf(configured).accentColor;
    const hex = (p: number[]) => `#${p.slice(0, 3).map((v) => v.toString(16).padStart(2, "0")).join("")}`.toUpperCase();
    expect(hex(pixel(png, 2, 2))).toBe(accent.toUpperCase());
    expect(hex(pixel(png, 189, 189))).toBe(accent.toUpperCase());
    let white = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 255 && png.data[i + 1] === 255 && png.data[i + 2] === 255) white++;
    // Not a blank square: the bars are a good part of it.
    expect(white / (192 * 192)).toBeGreaterThan(0.1);
  });

  it("outline: 32x32, white where it is drawn and transparent everywhere else", async () => {
    const png = await icon("outline.png");
    expect([png.width, png.height]).toEqual([32, 32]);
    let drawn = 0;
    let clear = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = pixel(png, x, y);
        if (a === 0) clear++;
        else {
          drawn++;
          expect([r, g, b], `pixel ${x},${y}`).toEqual([255, 255, 255]);
        }
      }
    }
    expect(clear).toBeGreaterThan(32 * 32 * 0.3);
    expect(drawn).toBeGreaterThan(32 * 32 * 0.2);
  });
});

describe("the package built with development defaults", () => {
  it("says which values are development defaults and what the package is then good for", () => {
    expect(development.status, development.output).toBe(0);
    expect(development.output).toContain("Development defaults in the Teams app package:");
    for (const name of ["TOMS_PUBLIC_URL", "TOMS_TEAMS_APP_ID", "MicrosoftAppId", "TOMS_ENTRA_CLIENT_ID"]) expect(development.output).toContain(`  ${name}: `);
    expect(development.output).toContain("only for trying the tab on this computer");
    // A configured build says nothing of the kind.
    expect(configured.output).not.toContain("Development defaults");
  });

  it("validates, on https://localhost:3978 with the fixed development app id, without the bot or single sign-on it cannot have", async () => {
    const manifest = manifestOf(development);
    expect(await validateOffline(manifest)).toEqual([]);
    expect(manifest.id).toBe(manifestOf(packageWith({})).id);
    expect(manifest.validDomains).toEqual(["localhost:3978"]);
    expect(addresses(manifest).every((url) => new URL(url).origin === "https://localhost:3978")).toBe(true);
    expect(manifest.staticTabs?.map((tab) => tab.entityId)).toEqual(["portfolio", "about"]);
    expect(manifest.configurableTabs?.[0]?.configurationUrl).toBe("https://localhost:3978/tab/#/config");
    expect(manifest.bots).toBeUndefined();
    // Nor does it offer one in its description.
    expect(manifest.description.full).toMatch(/^The TOMs Suite follows .* share a contract's dashboard with colleagues\.$/);
    expect(manifest.webApplicationInfo).toBeUndefined();
  });

  it("links its developer pages to pages the service serves", async () => {
    const service: TestService = await startTestService();
    try {
      const { websiteUrl, privacyUrl, termsOfUseUrl } = manifestOf(development).developer;
      for (const url of [websiteUrl, privacyUrl, termsOfUseUrl]) {
        const response = await service.call(new URL(url).pathname);
        expect(response.status, url).toBe(200);
        expect(response.headers.get("content-type"), url).toContain("text/html");
      }
    } finally {
      await service.close();
    }
  });
});

describe("a manifest that does not validate", () => {
  const broken = (change: (manifest: Record<string, unknown>) => void): Record<string, unknown> => {
    const manifest = structuredClone(manifestOf(configured)) as unknown as Record<string, unknown>;
    change(manifest);
    return manifest;
  };

  it("is refused by the validator, which names the field", async () => {
    expect(await validateOffline(broken((m) => delete m.developer))).toEqual([expect.stringContaining("must have required property 'developer'")]);
    expect(await validateOffline(broken((m) => (m.manifestVersion = "1.99")))).toEqual([expect.stringMatching(/^\/manifestVersion must be equal to constant/)]);
    expect(await validateOffline(broken((m) => ((m.name as { short: string }).short = "TOMs Suite for council contracts")))).toEqual([expect.stringMatching(/^\/name\/short must NOT have more than 30 characters/)]);
  });

  it("stops npm run package with a message naming the field and where its value comes from, and no zip", () => {
    const run = packageWith({ ...CONFIGURED, TOMS_COUNCIL_NAME: "The Royal Borough of Kensington and Chelsea" });
    expect(run.status).toBe(1);
    expect(run.output).toContain("does not validate against the v1.30 schema");
    expect(run.output).toContain("developer.name (from TOMS_COUNCIL_NAME): must NOT have more than 32 characters");
    expect(existsSync(join(run.out, "appPackage.zip"))).toBe(false);
  });
});

describe("settings the package refuses", () => {
  const refused = (settings: Record<string, string>, message: string) => {
    const run = packageWith(settings);
    expect(run.status, run.output).toBe(2);
    expect(run.output).toContain(message);
    expect(existsSync(join(run.out, "appPackage.zip"))).toBe(false);
  };

  it("an address Teams cannot load a tab from", () => {
    refused({ TOMS_PUBLIC_URL: "http://toms.example.gov.uk" }, "Teams loads tabs, over HTTPS only");
  });

  it("an id that is not a GUID, naming the setting", () => {
    refused({ ...CONFIGURED, MicrosoftAppId: "toms-bot" }, 'MicrosoftAppId is "toms-bot": it must be the bot\'s Microsoft App ID');
    refused({ ...CONFIGURED, TOMS_TEAMS_APP_ID: "12345" }, 'TOMS_TEAMS_APP_ID is "12345"');
  });

  it("Entra sign-in without the client id the tab needs", () => {
    refused({ ...CONFIGURED, TOMS_ENTRA_CLIENT_ID: "" }, "TOMS_ENTRA_CLIENT_ID is not");
  });

  it("an audience under which the service would refuse the tab's tokens", () => {
    refused({ ...CONFIGURED, TOMS_ENTRA_AUDIENCE: `api://other.example.gov.uk/${CLIENT_ID}` }, `has neither ${CLIENT_ID} (TOMS_ENTRA_CLIENT_ID) nor api://toms.example.gov.uk/${CLIENT_ID}`);
  });

  it("accepts an audience of the client id alone (Entra's v2 tokens)", () => {
    const run = packageWith({ ...CONFIGURED, TOMS_ENTRA_AUDIENCE: CLIENT_ID });
    expect(run.status, run.output).toBe(0);
    expect(manifestOf(run).webApplicationInfo?.resource).toBe(`api://toms.example.gov.uk/${CLIENT_ID}`);
  });
});
