// Diversity answers are special category data, used only for equality of opportunity: the Article 9
// condition the council relies on is not met if they reach a decision about a particular supplier
// (docs/diversity.md). So no code of evaluation, award, contract management or the bot may import
// them: this reads every import of that code and fails on one that reaches the diversity rules.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const DIVERSITY = join(ROOT, "shared", "domain", "src", "diversity");

/** Where diversity code lives, each layer in a folder of its own: the rules, their storage, the
 * use cases, the API and the form page, the tab's EDI view, the client's calls and the demo answers. */
const DIVERSITY_CODE = [
  "shared/domain/src/diversity",
  "shared/storage/src/diversity",
  "shared/app/src/diversity",
  "api/src/diversity",
  "teams-app/src/views/diversity",
  "shared/client/src/diversity-client.ts",
  "api/src/seed/demo-diversity.ts",
].map((path) => join(ROOT, path));

/** The places that put the suite together (and the domain's one face): they may reach a diversity layer's entry point, and
 * hand it nothing but storage and settings. The backup's (api/src/backup.ts) takes only the diversity tables' names, to copy them. */
const COMPOSITION_ROOTS = ["shared/domain/src/index.ts", "api/src/app.ts", "api/src/service.ts", "api/src/commands/seed.ts", "api/src/backup.ts", "api/src/seed/demo.ts", "teams-app/src/app/routes.tsx", "shared/client/src/index.ts"].map((path) => join(ROOT, path));

/** Every source folder of the suite: all of it must keep away from diversity data, but the above. */
const SOURCE_ROOTS = ["shared/domain/src", "shared/app/src", "shared/storage/src", "shared/xlsx/src", "shared/client/src", "api/src", "cli/src", "bot/src", "excel-addin/src", "teams-app/src"];

const inDiversityCode = (path: string) => DIVERSITY_CODE.some((code) => path === code || path.startsWith(`${code}/`) || path.startsWith(code.replace(/\.ts$/, ".")));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "dist" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The names the diversity rules export from @toms/domain, read from their index. */
function diversityNames(): Set<string> {
  const index = ts.createSourceFile("index.ts", readFileSync(join(DIVERSITY, "index.ts"), "utf8"), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  index.forEachChild((node) => {
    if (ts.isExportDeclaration(node) && node.exportClause && ts.isNamedExports(node.exportClause)) for (const element of node.exportClause.elements) names.add(element.name.text);
  });
  return names;
}

/** Every import in a file that reaches the diversity rules: by path, or by name from @toms/domain. */
function diversityImports(file: string, names: ReadonlySet<string>, text: string = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const check = (specifier: string, imported: readonly string[]) => {
    if (specifier.startsWith(".") && inDiversityCode(resolve(dirname(file), specifier))) found.push(specifier);
    if (/diversity/.test(specifier) && !specifier.startsWith(".")) found.push(specifier);
    if (specifier === "@toms/domain") for (const name of imported) if (names.has(name)) found.push(`${name} from @toms/domain`);
  };
  source.forEachChild((node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
      const imported = clause && (ts.isNamedImports(clause) || ts.isNamedExports(clause)) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : [];
      // A namespace import of the domain could reach anything: it has to name what it uses.
      if (clause && ts.isNamespaceImport(clause) && node.moduleSpecifier.text === "@toms/domain") found.push("* from @toms/domain");
      check(node.moduleSpecifier.text, imported);
    }
  });
  // Dynamic imports too: import("...").
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) check(node.arguments[0].text, []);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

describe("diversity data is kept apart", () => {
  const names = diversityNames();

  it("reads the names the diversity rules export (so the check below is not empty)", () => {
    expect(names.has("readDiversityAnswers")).toBe(true);
    expect(names.has("suppressTables")).toBe(true);
    expect(names.size).toBeGreaterThan(20);
  });

  it("is imported by no code of evaluation, award, contract management, the bot or their surfaces", () => {
    const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(join(ROOT, dir))).filter((file) => !inDiversityCode(file) && !COMPOSITION_ROOTS.includes(file));
    expect(files.length).toBeGreaterThan(200);
    const reaching = files.flatMap((file) => diversityImports(file, names).map((what) => `${relative(ROOT, file)}: ${what}`));
    expect(reaching).toEqual([]);
  });

  it("would catch one: an import by path, by name, or of the whole domain", () => {
    const probe = join(ROOT, "shared", "app", "src", "delivery", "probe.ts");
    const source = `import { suppressTables } from "@toms/domain";\nimport * as domain from "@toms/domain";\nimport { QUESTIONNAIRE_V1 } from "../../../domain/src/diversity/questionnaire.js";\n`;
    // The same reading as above, on text that is not a file of the project.
    expect(diversityImports(probe, names, source)).toEqual(["suppressTables from @toms/domain", "* from @toms/domain", "../../../domain/src/diversity/questionnaire.js"]);
    expect(diversityImports(probe, names, `import { periodLabel } from "@toms/domain";\n`)).toEqual([]);
    // The other layers' diversity code, by package subpath or by path.
    const layers = `import { openCampaign } from "@toms/app/diversity";\nimport { DIVERSITY_TABLES } from "../../../storage/src/diversity/index.js";\nimport { baselineOf } from "../diversity/baseline-of.js";\n`;
    expect(diversityImports(probe, names, layers)).toEqual(["@toms/app/diversity", "../../../storage/src/diversity/index.js", "../diversity/baseline-of.js"]);
  });

  it("lets the places that put the suite together reach only a diversity layer's entry point", () => {
    const reached = COMPOSITION_ROOTS.flatMap((file) => diversityImports(file, names).map((what) => `${relative(ROOT, file)}: ${what}`));
    const entryPoint = (what: string) => /: (@toms\/(storage|app)\/diversity|\..*\/diversity\/(index|[a-z]+\/index)\.js|\..*\/views\/diversity\/DiversityView\.js|\.\/diversity-client\.js|\.\.?\/(seed\/)?demo-diversity\.js)$/.test(what);
    expect(reached.filter((what) => !entryPoint(what))).toEqual([]);
  });
});
