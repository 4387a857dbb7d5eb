// A store as a slow publisher sees it: its transactions wait until the test lets them go, so a
// test can act between a claim and the rows it guards.
import type { TableStore } from "@toms/storage";

export interface HeldStore {
  /** The store to give the slow writer. */
  slow: TableStore;
  /** Settles when the slow writer reaches its first transaction (it has claimed). */
  atRows: Promise<void>;
  /** Lets its transactions go on. */
  release(): void;
}

/** `store`, with every transaction held until `release()`. */
export function heldStore(store: TableStore): HeldStore {
  let reached!: () => void;
  let release!: () => void;
  const atRows = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const slow = Object.assign(Object.create(store) as TableStore, {
    batch: async (...args: Parameters<TableStore["batch"]>) => {
      reached();
      await released;
      return store.batch(...args);
    },
  });
  return { slow, atRows, release };
}
