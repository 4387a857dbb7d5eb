// The diversity deps: settings checked once, links built from the service's origin, tokens of 32 random bytes.
import { describe, expect, it } from "vitest";
import type { DiversityStorage } from "@toms/storage/diversity";
import type { AppDeps } from "../deps.js";
import { createDiversityDeps, formLink, tokenHash } from "./diversity-deps.js";

const app = {} as AppDeps;
const diversity = {} as DiversityStorage;

describe("createDiversityDeps", () => {
  it("defaults the threshold to 10 and retention to 3 years, and builds links without a doubled slash", () => {
    const d = createDiversityDeps(app, diversity, { publicUrl: "https://toms.example.gov.uk/" });
    expect(d.settings).toEqual({ threshold: 10, retentionYears: 3, publicUrl: "https://toms.example.gov.uk" });
    expect(formLink(d, "abc")).toBe("https://toms.example.gov.uk/diversity/abc");
  });

  it("makes tokens of 32 random bytes, 43 base64url characters, each new", () => {
    const d = createDiversityDeps(app, diversity, { publicUrl: "http://127.0.0.1:3000" });
    const tokens = new Set(Array.from({ length: 50 }, () => d.newToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a threshold below 3 or a retention that is not whole years", () => {
    expect(() => createDiversityDeps(app, diversity, { publicUrl: "http://x", threshold: 2 })).toThrow(/at least 3/);
    expect(() => createDiversityDeps(app, diversity, { publicUrl: "http://x", retentionYears: 0 })).toThrow(/whole number of years/);
  });
});

describe("tokenHash", () => {
  it("is the SHA-256 of the token in hex", () => {
    expect(tokenHash("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
