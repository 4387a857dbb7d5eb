// Loads what a view shows, and again on retry: the state every view renders its skeleton, error or data from.
import { useCallback, useEffect, useState } from "react";

export type Loaded<T> =
  | { state: "loading"; retry: () => void }
  | { state: "failed"; error: unknown; retry: () => void }
  | { state: "ready"; data: T; retry: () => void; reloading: boolean };

/**
 * Calls `load` when the view opens and whenever `deps` change; `retry` calls it again. A load
 * overtaken by a later one is ignored, so a slow answer never replaces a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [generation, setGeneration] = useState(0);
  const [result, setResult] = useState<{ state: "loading" } | { state: "failed"; error: unknown } | { state: "ready"; data: T; reloading: boolean }>({ state: "loading" });
  const retry = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let current = true;
    setResult((previous) => (previous.state === "ready" ? { ...previous, reloading: true } : { state: "loading" }));
    load().then(
      (data) => current && setResult({ state: "ready", data, reloading: false }),
      (error: unknown) => current && setResult({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
    // The caller names what the load depends on (its deps), as with useEffect.
  }, [...deps, generation]);
  return { ...result, retry } as Loaded<T>;
}
