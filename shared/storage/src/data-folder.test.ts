import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { securePrivateFolder } from "./data-folder.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), "toms-data-folder-"));
  folders.push(folder);
  return folder;
};
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("securePrivateFolder", () => {
  it("tightens a data folder reached through a link, and what is in it", () => {
    const real = join(newFolder(), "volume");
    mkdirSync(join(real, "journal"), { recursive: true, mode: 0o755 });
    chmodSync(real, 0o755);
    writeFileSync(join(real, "journal", "segment.jsonl"), "{}\n", { mode: 0o644 });
    const link = join(newFolder(), "data");
    symlinkSync(real, link);

    expect(securePrivateFolder(link).length).toBe(3);
    expect([modeOf(real), modeOf(join(real, "journal")), modeOf(join(real, "journal", "segment.jsonl"))]).toEqual([0o700, 0o700, 0o600]);
  });

  it("leaves alone a file outside the folder that a link inside it points at", () => {
    const outside = join(newFolder(), "someone-elses.txt");
    writeFileSync(outside, "not the service's", { mode: 0o644 });
    const data = newFolder();
    symlinkSync(outside, join(data, "link.txt"));

    securePrivateFolder(data);
    expect(modeOf(outside)).toBe(0o644);
    expect(modeOf(data)).toBe(0o700);
  });
});
