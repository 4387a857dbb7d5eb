// The retention job: diversity answers older than the retention period are deleted, and the deletion is audited first.
import { retentionCutoff } from "@toms/domain";
import { succeeded, type Outcome } from "../outcome.js";
import { audit } from "./diversity-access.js";
import type { DiversityDeps } from "./diversity-deps.js";

/** How the retention job is named in the audit log: it runs on a schedule, or when an admin asks (the route checks the role). */
export const RETENTION_ACTOR = { actor: "retention-job", actorName: "The diversity retention job" } as const;

/**
 * Deletes every diversity answer (the ones that count, their history and drafts) sent or saved more
 * than the retention period ago (3 years unless set), and answers how many rows went and the cut-off.
 * The deletion is written to the audit log, businesses named, before anything is deleted.
 *
 * @example
 * const outcome = await runRetention(d);
 * if (outcome.ok) console.log(`${outcome.value.deleted} rows sent before ${outcome.value.before} deleted`);
 */
export async function runRetention(d: DiversityDeps): Promise<Outcome<{ deleted: number; before: string }>> {
  const before = retentionCutoff(d.app.now(), d.settings.retentionYears);
  const rows = await d.diversity.responses.submittedBefore(before);
  if (rows.length === 0) return succeeded({ deleted: 0, before });
  const years = [...new Set(rows.map((r) => r.year))].sort();
  await audit(d, { ...RETENTION_ACTOR, action: "retention", supplierIds: rows.map((r) => r.supplierId), purpose: `Answers are kept for ${d.settings.retentionYears} years`, detail: `${rows.length} rows sent before ${before} (years ${years.join(", ")})` });
  const deleted = await d.diversity.responses.deleteRows(rows);
  return succeeded({ deleted, before });
}
