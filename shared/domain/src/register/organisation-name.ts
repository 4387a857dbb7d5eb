// When two names are the same organisation's: the rule an award uses to match the winning bidder
// to the supplier that holds a contract (docs/award.md says it in plain words).

/** Legal forms that do not tell organisations apart, as words: "Acme Ltd", "ACME Limited" and
 * "Acme plc" are one name. Longest first, so "public limited company" goes as one form. */
const LEGAL_FORMS: readonly (readonly string[])[] = [["public", "limited", "company"], ["limited"], ["ltd"], ["plc"]];

function words(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

function endsWith(list: readonly string[], tail: readonly string[]): boolean {
  return tail.length < list.length && tail.every((word, i) => list[list.length - tail.length + i] === word);
}

/**
 * The part of an organisation's name that identifies it: case, spacing and punctuation ignored,
 * and the legal form (Ltd, Limited, plc) at the end left out. "ACME Limited" and "Acme Ltd." both
 * give "acme". A name that is only a legal form keeps it.
 */
export function organisationNameKey(name: string): string {
  const list = words(name);
  let trimmed = true;
  while (trimmed) {
    trimmed = false;
    for (const form of LEGAL_FORMS) {
      if (endsWith(list, form)) {
        list.splice(list.length - form.length, form.length);
        trimmed = true;
        break;
      }
    }
  }
  return list.join("");
}

/** True when both names are the same organisation's by `organisationNameKey` (an empty name matches nothing). */
export function sameOrganisationName(a: string, b: string): boolean {
  const key = organisationNameKey(a);
  return key.length > 0 && key === organisationNameKey(b);
}
