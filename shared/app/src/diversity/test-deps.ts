// What the diversity use cases' tests share: the council's staff who call them, a small business's
// figures, storage of a test's own on the test run's Azurite (closed when the file's tests end), and
// an outcome's value.
import { afterAll, inject } from "vitest";
import type { Principal } from "@toms/domain";
import { connectStorage, type Storage } from "@toms/storage";
import { openDiversityStorage, type DiversityStorage } from "@toms/storage/diversity";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

export const admin: Principal = { userId: "rob.amor", name: "Rob Amor", roles: ["admin"] };
export const analyst: Principal = { userId: "asha.patel", name: "Asha Patel", roles: ["edi-analyst"] };
export const evaluator: Principal = { userId: "eve", name: "Eve Evans", roles: ["evaluator"] };
export const manager: Principal = { userId: "tom", name: "Tom Brennan", roles: ["contract-manager"] };

/** A small business's register figures: a campaign invites it when it is local. */
export const small = { employees: 8, turnover: 500_000, balanceSheet: 200_000, vcse: false };

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const opened: Storage[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** Tables of a test's own: `prefix` and ten random characters. */
export function tablePrefixOf(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
}

/** The storage and the diversity tables under `tablePrefix`, closed when the file's tests end; the same prefix twice is a second instance of the service on the same tables. */
export async function openTestStorage(tablePrefix: string): Promise<{ storage: Storage; diversity: DiversityStorage }> {
  const storage = await connectStorage({ connectionString: inject("azuriteConnectionString"), dataDir: "unused", tablePrefix, log: quiet });
  opened.push(storage);
  return { storage, diversity: await openDiversityStorage(storage.store) };
}

export function value<T>(outcome: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!outcome.ok) throw new Error(`expected success, got: ${outcome.message}`);
  return outcome.value;
}
