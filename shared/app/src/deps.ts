// What every use case works with, passed in: storage, the clock, new ids, the money label, and the
// delivery figures that guard a withdrawal.
import type { Storage } from "@toms/storage";

export interface AppDeps {
  storage: Storage;
  now: () => Date;
  /** A new record id (a UUID). */
  newId: () => string;
  /** The money unit's name where a catalogue version does not set its own ("Coventry £"). */
  moneyLabel: string;
  /**
   * How many KPI updates have been recorded against a contract: an award with any cannot be
   * withdrawn. The suite records no KPI updates yet; the release that adds them passes its count here.
   */
  kpiUpdateCount: (contractId: string) => Promise<number>;
}

/**
 * The dependencies of the use cases over opened storage.
 *
 * @example
 * const deps = createAppDeps(storage, { moneyLabel: "Coventry £" });
 * const outcome = await awardEvaluation(deps, caller, { evaluationId, bidder: "Beta Ltd", contractId, issuesReviewed: false });
 */
export function createAppDeps(storage: Storage, options: { moneyLabel: string } & Partial<Omit<AppDeps, "storage" | "moneyLabel">>): AppDeps {
  return {
    storage,
    moneyLabel: options.moneyLabel,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    // No KPI update can be recorded yet, so every contract has none.
    kpiUpdateCount: options.kpiUpdateCount ?? (() => Promise.resolve(0)),
  };
}
