import { describe, expect, it } from "vitest";
import { assertWithinLimits, entityBytes, fromTableKey, isTableKey, tableKey, type PlainEntity } from "./entity.js";
import { isStorageError } from "./errors.js";

const base: PlainEntity = { partitionKey: "p", rowKey: "r" };

describe("Azure's limits, enforced before Azurite (which is looser) sees the entity", () => {
  it("accepts an entity at 252 properties and refuses one more", () => {
    const ok: PlainEntity = { ...base };
    for (let i = 0; i < 252; i++) ok[`p${i}`] = i;
    expect(() => assertWithinLimits("T", ok)).not.toThrow();
    ok.p252 = 1;
    expect(() => assertWithinLimits("T", ok)).toThrow(/has 253 properties; Azure allows 252/);
  });

  it("refuses a string property over 64 KiB, naming it", () => {
    const entity = { ...base, notes: "x".repeat(32 * 1024) };
    try {
      assertWithinLimits("Contracts", entity);
      expect.unreachable();
    } catch (error) {
      expect(isStorageError(error, "too-large")).toBe(true);
      expect((error as Error).message).toContain('"notes"');
    }
    expect(() => assertWithinLimits("T", { ...base, notes: "x".repeat(32 * 1024 - 2) })).not.toThrow();
  });

  it("refuses an entity over 1 MiB made of properties each within limit", () => {
    const entity: PlainEntity = { ...base };
    for (let i = 0; i < 20; i++) entity[`chunk${i}`] = "y".repeat(30_000);
    expect(entityBytes(entity)).toBeGreaterThan(1024 * 1024);
    expect(() => assertWithinLimits("T", entity)).toThrow(/1 MiB/);
  });

  it("sizes an entity by Azure's formula", () => {
    // 4 + 2x(1+1) keys + (8 + 2x4 "name" + 4 + 2x3 "abc") + (8 + 2x1 "n" + 8)
    expect(entityBytes({ ...base, name: "abc", n: 5 })).toBe(4 + 4 + (8 + 8 + 4 + 6) + (8 + 2 + 8));
  });

  it("escapes user values into keys reversibly, without characters Azure forbids", () => {
    for (const value of ["a/b#c?d\\e", "hannah.price@example.com", "100% $ sure", "CCC-2024/07"]) {
      const key = tableKey(value);
      expect(key).not.toMatch(/[/\\#?%]/);
      expect(fromTableKey(key)).toBe(value);
    }
  });
});

describe("what Azure can hold as a key", () => {
  it("is at most 1 KiB and holds none of / \\ # ? or a control character", () => {
    expect(isTableKey("contact:3f1c2b4a")).toBe(true);
    expect(isTableKey(tableKey("a/b#c?d\\e"))).toBe(true);
    expect(isTableKey("a".repeat(512))).toBe(true);
    for (const key of ["a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\u001fb", "a\u007fb", "a\u0085b", "a".repeat(513)]) expect(isTableKey(key), JSON.stringify(key)).toBe(false);
  });
});
