// How the KPI template library and the result of applying a template are put into words.

const SECTORS: Record<string, string> = {
  waste: "Waste",
  fm: "Facilities management",
  "social-care": "Social care",
  construction: "Construction",
  highways: "Highways",
  ict: "ICT",
};

/** A template's sector as a person says it: "fm" is "Facilities management". */
export function sectorLabel(sector: string): string {
  const known = SECTORS[sector];
  if (known) return known;
  const words = sector.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What applying a template did, from the KPIs the service says it added. */
export function templateAppliedWords(templateName: string, inTemplate: number, added: number): string {
  const skipped = inTemplate - added;
  const kpis = (n: number) => `${n} ${n === 1 ? "KPI" : "KPIs"}`;
  if (added === 0) return `No KPI was added from "${templateName}": the contract already has a KPI of each of its titles.`;
  const addedWords = `${kpis(added)} added from "${templateName}".`;
  if (skipped <= 0) return addedWords;
  return `${addedWords} ${skipped === 1 ? "1 was" : `${skipped} were`} already on the contract by the same title, so not added twice.`;
}
