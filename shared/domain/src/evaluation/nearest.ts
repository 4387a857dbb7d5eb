// The name a mistyped one was most likely meant to be, for messages that say "Did you mean ...?".
import { distance } from "fastest-levenshtein";

const key = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The candidate nearest to `name` by edit distance (letters added, removed or changed, ignoring
 * case and repeated spaces), or null when none is close: a quarter of the longer name's letters
 * at most, and never more than 3. So "Acme Ltf" finds "Acme Ltd", but "A" never finds "B".
 * On a tie the first candidate listed wins.
 */
export function nearestName(name: string, candidates: readonly string[]): string | null {
  const wanted = key(name);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const other = key(candidate);
    const allowed = Math.min(3, Math.floor(Math.max(wanted.length, other.length) / 4));
    const d = distance(wanted, other);
    if (d <= allowed && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
