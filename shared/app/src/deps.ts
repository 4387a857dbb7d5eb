// What every use case works with, passed in: storage, the clock, new ids and the money label.
import type { NoticeBuyer } from "@toms/domain";
import type { Storage } from "@toms/storage";

export interface AppDeps {
  storage: Storage;
  now: () => Date;
  /** A new record id (a UUID). */
  newId: () => string;
  /** The money unit's name where a catalogue version does not set its own ("Coventry £"). */
  moneyLabel: string;
  /** Contract delivery: days after a period's end that its update is due. */
  delivery: { dueDays: number };
  /** The contracting authority, as UK9 notices name it, and its OCDS prefix. */
  council: NoticeBuyer & { ocidPrefix: string };
  /** Signed update links (docs/suppliers.md): the service's public origin, how long a link works, and where a refused link is logged. */
  updateLinks?: UpdateLinkSettings;
  /** Whether the service sends e-mail (it has a mail transport): what a contact's reach is worked out with. Absent, it does not. */
  mail?: { on: boolean };
}

/** What signed update links need from the service. */
export interface UpdateLinkSettings {
  /** The service's origin ("https://toms.coventry.gov.uk", TOMS_PUBLIC_URL): links are `${publicUrl}/update/${token}`. */
  publicUrl: string;
  /** Days a new link works (TOMS_UPDATE_LINK_DAYS, default 30). */
  days: number;
  /** Told why a link was refused, for the service's log only (its holder reads one text whatever the reason). */
  refused?: (reason: string, detail: { contractId?: string; linkId?: string }) => void;
}

/** The council when none is configured (tests, the CLI). */
export const DEFAULT_COUNCIL: NoticeBuyer & { ocidPrefix: string } = { name: "Coventry City Council", email: "procurement@coventry.gov.uk", ocidPrefix: "ocds-h6vhtk" };

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
    delivery: options.delivery ?? { dueDays: 14 },
    council: options.council ?? DEFAULT_COUNCIL,
    ...(options.updateLinks ? { updateLinks: options.updateLinks } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
  };
}
