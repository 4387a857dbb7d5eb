// The backup copies every table the suite creates: a table added to the code but not to BACKUP_TABLES fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { TableServiceClient } from "@azure/data-tables";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BACKUP_TABLES } from "@toms/api";
import { startTestService, type TestService } from "../support/service.js";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SOURCE_ROOTS = ["shared/domain/src", "shared/app/src", "shared/storage/src", "shared/xlsx/src", "shared/client/src", "api/src", "cli/src", "bot/src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name === "dist" ? [] : sourceFiles(path);
    return /\.ts$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [path] : [];
  });
}

/** Table names the text declares: `const X_TABLE = "Name"` and the names in `const X_TABLES = [...]`. */
function declaredTables(text: string): string[] {
  const single = [...text.matchAll(/const\s+\w+_TABLE\s*=\s*"([^"]+)"/g)].map((m) => m[1] as string);
  const lists = [...text.matchAll(/const\s+\w+_TABLES\s*=\s*\[([^\]]*)\]/g)].flatMap((m) => [...(m[1] as string).matchAll(/"([^"]+)"/g)].map((n) => n[1] as string));
  return [...single, ...lists];
}

/** What each call that creates tables is given (its last argument): `openStorage(config, X)` and `ensureTables(X)`. */
function tableArguments(text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : "";
      const last = node.arguments.at(-1);
      if ((callee === "openStorage" || callee === "ensureTables") && last) found.push(last.getText());
    }
    node.forEachChild(visit);
  };
  visit(ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, true));
  return found;
}

const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(join(ROOT, dir)));

describe("the tables a backup copies", () => {
  let service: TestService;
  const prefix = `k${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  beforeAll(async () => {
    service = await startTestService({ TOMS_TABLE_PREFIX: prefix });
  });
  afterAll(() => service.close());

  it("are exactly the tables the running service creates, diversity's included", async () => {
    const names: string[] = [];
    for await (const table of TableServiceClient.fromConnectionString(inject("azuriteConnectionString"), { allowInsecureConnection: true }).listTables()) {
      if (table.name?.startsWith(prefix)) names.push(table.name.slice(prefix.length));
    }
    expect(names.sort()).toEqual([...BACKUP_TABLES].sort());
    expect(BACKUP_TABLES).toContain("DiversityResponses");
  });

  it("include every table name the code declares", () => {
    const declared = files.flatMap((file) => declaredTables(readFileSync(file, "utf8")).map((name) => ({ file: relative(ROOT, file), name })));
    expect(declared.filter(({ name }) => !BACKUP_TABLES.includes(name))).toEqual([]);
    // And the other way: the extractor finds each backed-up table declared, so it sees how the code
    // declares tables (one it missed would let a new table through unseen).
    expect(BACKUP_TABLES.filter((table) => !declared.some(({ name }) => name === table))).toEqual([]);
  });

  it("are the only lists of tables the code creates: every call that creates tables is given one of them", () => {
    const given = new Set(files.flatMap((file) => tableArguments(readFileSync(file, "utf8"))));
    // `tables` is openStorage's own parameter, handed on to ensureTables.
    expect([...given].sort()).toEqual(["BACKUP_TABLES", "DIVERSITY_TABLES", "TABLES", "tables"]);
    // Tables are created only by TableStore (ensureTables, and the journal's replay of tables it named).
    const creating = files.filter((file) => /\.createTable\(/.test(readFileSync(file, "utf8"))).map((file) => relative(ROOT, file));
    expect(creating).toEqual(["shared/storage/src/store.ts"]);
  });

  it("would catch a new one: a table constant, a list of tables, a new list handed to storage", () => {
    expect(declaredTables('export const NOTES_TABLE = "Notes";\nexport const MORE_TABLES = ["Extra", "Other"] as const;\n')).toEqual(["Notes", "Extra", "Other"]);
    expect(tableArguments("await openStorage(storageConfig(config, log), NOTE_TABLES);\nawait store.ensureTables(OTHER_TABLES);\n")).toEqual(["NOTE_TABLES", "OTHER_TABLES"]);
  });
});
