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

/** The code that must never read diversity data. */
const KEPT_APART = [
  "shared/domain/src/award",
  "shared/domain/src/evaluation",
  "shared/domain/src/delivery",
  "shared/domain/src/register",
  "shared/domain/src/prompts",
  "shared/app/src",
  "shared/storage/src",
  "shared/xlsx/src",
  "api/src",
  "cli/src",
  "bot/src",
  "excel-addin/src",
  "teams-app/src",
];

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
    if (specifier.startsWith(".") && resolve(dirname(file), specifier).startsWith(DIVERSITY)) found.push(specifier);
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
    const files = KEPT_APART.flatMap((dir) => sourceFiles(join(ROOT, dir)));
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
  });
});
