// Money to the penny: every £ on a line is rounded to pence, and sums are sums of whole pence, so
// any grouping of the same lines (by theme, by contract, the total) adds up to the same figure exactly.

/** An amount in whole pence. */
export function toPence(amount: number): number {
  return Math.round(amount * 100);
}

/** An amount rounded to the penny. */
export function roundToPence(amount: number): number {
  return toPence(amount) / 100;
}

/** Two amounts added in whole pence. */
export function addMoney(a: number, b: number): number {
  return (toPence(a) + toPence(b)) / 100;
}

/**
 * An amount spread over `count` parts in whole pence: each part the same but for the pennies left
 * over, one each to the first parts, so that the parts add up to the amount (to the penny) exactly.
 */
export function spreadMoney(total: number, count: number): number[] {
  if (count <= 0) return [];
  const pence = toPence(total);
  const share = Math.trunc(pence / count);
  const left = pence - share * count;
  return Array.from({ length: count }, (_, i) => (share + (i < Math.abs(left) ? Math.sign(left) : 0)) / 100);
}
