// Loads what a view shows, and again on retry: the state every view renders its skeleton, error or data from.
import { useCallback, useEffect, useRef, useState } from "react";

export type Loaded<T> =
  | { state: "loading"; retry: () => void }
  | { state: "failed"; error: unknown; retry: () => void }
  | { state: "ready"; data: T; retry: () => void; reloading: boolean };

/**
 * Calls `load` when the view opens and whenever `deps` change; `retry` calls it again. A load
 * overtaken by a later one is ignored, so a slow answer never replaces a newer one. On a retry
 * the data shown stays (marked `reloading`) until the new answer; when `deps` change it is
 * something else being loaded (another contract, another year), so the old data goes at once
 * rather than be shown, and acted on, under the new one's name. A change of `refreshed` (a count
 * the view raises after it changed something) reloads as a retry does.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[], refreshed = 0): Loaded<T> {
  const [generation, setGeneration] = useState(0);
  const [result, setResult] = useState<{ state: "loading" } | { state: "failed"; error: unknown } | { state: "ready"; data: T; reloading: boolean }>({ state: "loading" });
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  const loadedFor = useRef<readonly unknown[] | null>(null);
  useEffect(() => {
    let current = true;
    const same = loadedFor.current !== null && loadedFor.current.length === deps.length && deps.every((dep, i) => Object.is(dep, loadedFor.current?.[i]));
    loadedFor.current = deps;
    setResult((previous) => (same && previous.state === "ready" ? { ...previous, reloading: true } : { state: "loading" }));
    load().then(
      (data) => current && setResult({ state: "ready", data, reloading: false }),
      (error: unknown) => current && setResult({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on (its deps), as with useEffect.
  }, [...deps, generation, refreshed]);
  return { ...result, retry } as Loaded<T>;
}
