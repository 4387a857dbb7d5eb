// What every use case works with, passed in: storage, the clock, new ids and the money label.
import type { Storage } from "@toms/storage";

export interface AppDeps {
  storage: Storage;
  now: () => Date;
  /** A new record id (a UUID). */
  newId: () => string;
  /** The money unit's name where a catalogue version does not set its own ("Coventry £"). */
  moneyLabel: string;
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
  };
}
