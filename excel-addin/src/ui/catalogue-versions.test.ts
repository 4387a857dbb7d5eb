import { describe, expect, it } from "vitest";
import type { CatalogueSummary } from "../api/client.js";
import { versionPicker } from "./catalogue-versions.js";

const summary = (version: string, measureCount: number, isDefault = false): CatalogueSummary => ({ version, publishedAt: "2026-01-01T00:00:00Z", publishedBy: "rob.amor", measureCount, default: isDefault });

describe("the catalogue version picker", () => {
  it("opens on the council's default, marked, not on the newest import", () => {
    const picker = versionPicker({ defaultVersion: "2026.1", items: [summary("2027.1", 1), summary("2026.1", 52, true)] });
    expect(picker.opening).toBe("2026.1");
    expect(picker.notice).toBeNull();
    expect(picker.choices).toEqual([
      { version: "2027.1", text: "2027.1", label: "2027.1 (1 measure)" },
      { version: "2026.1", text: "2026.1 (default)", label: "2026.1 (default, 52 measures)" },
    ]);
  });

  it("opens on the newest and says why while the default is not published", () => {
    const picker = versionPicker({ defaultVersion: "2028.1", items: [summary("2027.1", 3), summary("2026.1", 52)] });
    expect(picker.opening).toBe("2027.1");
    expect(picker.notice).toBe(
      "The council's default catalogue version, 2028.1, is not published yet, so the newest, 2027.1, is chosen. Ask a procurement officer to publish 2028.1, or choose the version this tender uses.",
    );
  });

  it("says so when nothing is published", () => {
    expect(versionPicker({ defaultVersion: "2026.1", items: [] })).toEqual({
      choices: [],
      opening: null,
      notice: "No catalogue version is published yet. Ask a procurement officer to publish the council's catalogue.",
    });
  });
});
