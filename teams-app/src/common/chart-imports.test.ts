// The charts' code stays out of the tab's first page: only the views (and views/shared, which
// they load) import @fluentui/react-charts or views/shared; the shell, common/ and the host never do.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..");

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative(SRC, path)] : [];
  });
}

/** What a file imports at run time (type-only imports are left out: they are gone once built). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(join(SRC, file), "utf8");
  return [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] as string);
}

const chartImport = (specifier: string) => specifier === "@fluentui/react-charts" || /(^|\/)shared\/[^/]+$/.test(specifier) || specifier.includes("/views/shared/");

describe("the charts' code", () => {
  const files = sources(SRC);

  it("is found where it is (the check reads the views)", () => {
    expect(files.filter((f) => runtimeImports(f).some(chartImport)).length).toBeGreaterThan(3);
  });

  it("is imported only by the views", () => {
    const outside = files.filter((f) => !f.startsWith("views/") && runtimeImports(f).some(chartImport));
    expect(outside).toEqual([]);
  });
});
