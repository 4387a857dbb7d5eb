import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE } from "@toms/domain";
import type { PublishedCatalogue } from "../api/client.js";
import type { Session } from "../auth/session.js";
import { catalogueCache } from "./catalogues.js";

const published: PublishedCatalogue = { ...DEFAULT_CATALOGUE, publishedAt: "2026-01-01T00:00:00Z" };

function sessionAnswering(answers: ((version: string | undefined) => Promise<PublishedCatalogue | null>)[]): { session: Session; asked: (string | undefined)[] } {
  const asked: (string | undefined)[] = [];
  const api = {
    catalogue: (version?: string) => {
      asked.push(version);
      const answer = answers.shift();
      if (!answer) throw new Error("asked once too often");
      return answer(version);
    },
  };
  return { session: { api } as unknown as Session, asked };
}

describe("the pane's catalogue cache", () => {
  it("asks the service once per version, and remembers the latest under its version too", async () => {
    const { session, asked } = sessionAnswering([() => Promise.resolve(published), () => Promise.resolve(null)]);
    const cache = catalogueCache(session);
    expect(await cache.get(undefined)).toBe(published);
    expect(await cache.get(undefined)).toBe(published);
    expect(await cache.get(DEFAULT_CATALOGUE.version)).toBe(published);
    expect(await cache.get("9.9")).toBeNull();
    expect(await cache.get("9.9")).toBeNull();
    expect(asked).toEqual([undefined, "9.9"]);
  });

  it("tries again after a failure", async () => {
    const { session, asked } = sessionAnswering([() => Promise.reject(new Error("offline")), () => Promise.resolve(published)]);
    const cache = catalogueCache(session);
    await expect(cache.get("2026.1")).rejects.toThrow("offline");
    expect(await cache.get("2026.1")).toBe(published);
    expect(asked).toEqual(["2026.1", "2026.1"]);
  });
});
