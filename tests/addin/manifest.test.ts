// The add-in's manifest against the official XSDs (kept in manifest/schemas/office-addin, with
// their source and licence), offline with xmllint-wasm, as written and as `npm run package`
// resolves it. The XSDs predate <Runtimes>, so that block is checked here and stripped before
// validating.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";

const root = join(import.meta.dirname, "..", "..");
const SCHEMAS = join(root, "manifest", "schemas", "office-addin");
const schemaFile = (fileName: string) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), "utf8") });
// The main schema is the one schema; what it imports (directly or through another import) is
// preloaded under the names of their schemaLocations. Passing them all as schemas gives a false "invalid".
const SCHEMA = schemaFile("OfficeAppManifestV1_1.xsd");
const IMPORTS = ["OfficeAppBasicTypesV1_0.xsd", "MailAppVersionOverridesV1_0.xsd", "MailAppVersionOverridesV1_1.xsd", "TaskPaneAppVersionOverridesV1_0.xsd"].map(schemaFile);
const source = readFileSync(join(root, "manifest", "excel-addin.xml"), "utf8");

async function validate(xml: string): Promise<{ ok: boolean; output: string }> {
  const stripped = xml.replace(/<Runtimes>[\s\S]*?<\/Runtimes>/, "");
  const result = await validateXML({ xml: [{ fileName: "manifest.xml", contents: stripped }], schema: [SCHEMA], preload: IMPORTS });
  return { ok: result.valid, output: result.rawOutput };
}

function packaged(publicUrl?: string): { status: number | null; output: string; manifest: string } {
  const env = { ...process.env };
  if (publicUrl === undefined) delete env.TOMS_PUBLIC_URL;
  else env.TOMS_PUBLIC_URL = publicUrl;
  const run = spawnSync(process.execPath, [join(root, "scripts", "package.mjs")], { cwd: root, env, encoding: "utf8" });
  const manifest = run.status === 0 ? readFileSync(join(root, "build", "excel-addin", "manifest.xml"), "utf8") : "";
  return { status: run.status, output: `${run.stdout}${run.stderr}`, manifest };
}

describe("the Excel add-in manifest", () => {
  it("validates against the XSD as written", async () => {
    const result = await validate(source);
    expect(result.output).toContain("manifest.xml validates");
    expect(result.ok).toBe(true);
  });

  it("declares a long-lived shared runtime and the TOMS custom functions on the task pane", () => {
    expect(source).toMatch(/<Runtimes>\s*<Runtime resid="Taskpane.Url" lifetime="long"\/>\s*<\/Runtimes>/);
    expect(source).toContain('<ExtensionPoint xsi:type="CustomFunctions">');
    expect(source).toContain('<bt:String id="Functions.Namespace" DefaultValue="TOMS"/>');
    expect(source).toContain('<bt:Url id="Functions.Metadata.Url" DefaultValue="https://localhost:3978/addin/functions.json"/>');
  });

  it("is refused by the validator when broken, so the check above means something", async () => {
    const result = await validate(source.replace(/<Id>[^<]*<\/Id>/, ""));
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Id|fails to validate/);
  });

  it("is packaged on the default local address", async () => {
    const run = packaged();
    expect(run.status).toBe(0);
    expect(run.manifest).toContain('<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3978/addin/taskpane.html"/>');
    expect((await validate(run.manifest)).ok).toBe(true);
  });

  it("is packaged on TOMS_PUBLIC_URL, every address moved and still valid", async () => {
    const run = packaged("https://toms.example.gov.uk/suite/");
    expect(run.status).toBe(0);
    expect(run.output).toContain("https://toms.example.gov.uk/suite/addin/");
    expect(run.manifest).not.toContain("https://localhost");
    expect(run.manifest).toContain('<SourceLocation DefaultValue="https://toms.example.gov.uk/suite/addin/taskpane.html"/>');
    expect(run.manifest).toContain("<AppDomain>https://toms.example.gov.uk</AppDomain>");
    expect((await validate(run.manifest)).ok).toBe(true);
  });

  it("refuses an address Office cannot load an add-in from", () => {
    const run = packaged("http://toms.example.gov.uk");
    expect(run.status).toBe(2);
    expect(run.output).toContain("HTTPS");
  });
});
