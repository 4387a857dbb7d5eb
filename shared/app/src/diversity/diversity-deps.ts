// What the diversity use cases work with: the suite's deps, the diversity tables, the settings and the rules' figures.
import { createHash, randomBytes } from "node:crypto";
import { DEFAULT_LOCAL_DISTRICTS, DEFAULT_SIZE_THRESHOLDS, DEFAULT_SUPPRESSION_THRESHOLD, type FormTokenProblem, type SizeThresholds } from "@toms/domain";
import type { DiversityStorage } from "@toms/storage/diversity";
import type { AppDeps } from "../deps.js";

export interface DiversitySettings {
  /** Counts from 1 to threshold − 1 are not published (TOMS_DIVERSITY_THRESHOLD, default 10, at least 3). */
  threshold: number;
  /** Answers are deleted this many years after they were sent (TOMS_DIVERSITY_RETENTION_YEARS, default 3). */
  retentionYears: number;
  /** The service's origin, for form links: "http://127.0.0.1:3000" (TOMS_PUBLIC_URL). */
  publicUrl: string;
}

/** Where a refused form link is reported, for the service's logs only: its holder reads one text whatever the reason. */
export interface FormLinkLog {
  refused(reason: FormTokenProblem, detail: { year?: number }): void;
}

export interface DiversityDeps {
  app: AppDeps;
  diversity: DiversityStorage;
  settings: DiversitySettings;
  sizeThresholds: SizeThresholds;
  localDistricts: readonly string[];
  /** A new form link token: 32 random bytes, base64url (43 characters). */
  newToken: () => string;
  log?: FormLinkLog;
}

export const DEFAULT_RETENTION_YEARS = 3;

/**
 * The dependencies of the diversity use cases: the suite's, the diversity tables, and the settings
 * (threshold 10 and 3 years unless given). A bad setting throws: settings are read once, at start.
 *
 * @example
 * const d = createDiversityDeps(createAppDeps(storage, { moneyLabel: "Coventry £" }), await openDiversityStorage(storage.store), { publicUrl: "https://toms.coventry.gov.uk" });
 */
export function createDiversityDeps(
  app: AppDeps,
  diversity: DiversityStorage,
  options: { publicUrl: string } & Partial<Omit<DiversitySettings, "publicUrl">> & Partial<Pick<DiversityDeps, "sizeThresholds" | "localDistricts" | "newToken" | "log">>,
): DiversityDeps {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const retentionYears = options.retentionYears ?? DEFAULT_RETENTION_YEARS;
  if (!Number.isInteger(threshold) || threshold < 3) throw new RangeError(`The diversity suppression threshold must be a whole number of at least 3; it is ${threshold}.`);
  if (!Number.isInteger(retentionYears) || retentionYears < 1) throw new RangeError(`Diversity answers are kept for a whole number of years, at least 1; it is ${retentionYears}.`);
  return {
    app,
    diversity,
    // Links are `${publicUrl}/diversity/${token}`: no trailing slash, so none is doubled.
    settings: { threshold, retentionYears, publicUrl: options.publicUrl.replace(/\/+$/, "") },
    sizeThresholds: options.sizeThresholds ?? DEFAULT_SIZE_THRESHOLDS,
    localDistricts: options.localDistricts ?? DEFAULT_LOCAL_DISTRICTS,
    newToken: options.newToken ?? (() => randomBytes(32).toString("base64url")),
    ...(options.log ? { log: options.log } : {}),
  };
}

/** The stored name of a token: its SHA-256 hash in hex, so the tables never hold a working link. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A form link as the supplier receives it. */
export function formLink(d: DiversityDeps, token: string): string {
  return `${d.settings.publicUrl}/diversity/${token}`;
}
