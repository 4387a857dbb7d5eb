// The one module that calls the TOMs service. Errors become ApiError with a message an
// evaluator can act on: the service's problem detail and field messages, or what went wrong.
import { submissionFromEvaluation, type AwardRequest, type AwardResult, type Catalogue, type ContractAwardRef, type Evaluation, type FieldError, type Issue, type ScoreJson, type SupplierDetail } from "@toms/domain";

export type Role = "admin" | "evaluator" | "contract-manager" | "supplier" | "edi-analyst";

/** In development, devSignIn says whether the service lets the pane sign in as anyone (TOMS_DEV_SIGN_IN). */
export type AuthConfig = { mode: "development"; devSignIn: "on" | "off" } | { mode: "entra"; tenantId: string; clientId: string; scopes: string[] };

export interface Me {
  userId: string;
  name: string;
  roles: Role[];
  signIn: string;
}

/** A published catalogue version, as `GET /api/catalogues` lists it. */
export interface CatalogueSummary {
  version: string;
  publishedAt: string;
  publishedBy: string;
  measureCount: number;
  /** The council's default version, the one a new evaluation starts from. */
  default: boolean;
}

/** The published versions, newest first, and the council's default (which may not be published yet). */
export interface CatalogueVersions {
  defaultVersion: string;
  items: CatalogueSummary[];
}

export type PublishedCatalogue = Catalogue & { publishedAt: string };

export interface Contract {
  id: string;
  reference: string;
  title: string;
  supplierId: string;
  category: string;
  value: number;
  startDate: string;
  endDate: string;
  managerName: string;
  status: "active" | "not started" | "ended";
  /** The award the contract carries, or null. */
  award: ContractAwardRef | null;
}

/** A supplier of the register, as the award step needs it. */
export interface SupplierSummary {
  id: string;
  name: string;
  detailsToComplete: SupplierDetail[];
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The fields the service named, so a message can sit by the control that caused it. */
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiClient {
  authConfig(): Promise<AuthConfig>;
  developmentToken(userId: string, roles: Role[], name?: string): Promise<string>;
  me(): Promise<Me>;
  catalogues(): Promise<CatalogueVersions>;
  /** The latest catalogue, or the given version; null when there is no such version. */
  catalogue(version?: string): Promise<PublishedCatalogue | null>;
  /** Every contract of the register with that status (that the caller may see), page by page. */
  contracts(status: Contract["status"]): Promise<Contract[]>;
  /** The whole supplier register, page by page. */
  suppliers(): Promise<SupplierSummary[]>;
  /** The council's service areas, sorted by name: a new contract is in one of them. */
  serviceAreas(): Promise<string[]>;
  /** Saves the scored evaluation with the issues the workbook reader found in it. */
  saveEvaluation(evaluation: Evaluation, workbookIssues: readonly Issue[], idempotencyKey: string): Promise<{ id: string; result: ScoreJson }>;
  /** Awards the saved evaluation: to a contract of the register, or to a new contract it creates. */
  award(evaluationId: string, request: AwardRequest): Promise<AwardResult>;
}

/** A client for the service at `base` (the pane's own origin when served by it). */
export function createApiClient(base: string, token: () => Promise<string | null>): ApiClient {
  async function call<T>(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; auth?: boolean; notFound?: T } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json", ...init.headers };
    if (init.auth !== false) {
      const bearer = await token();
      if (!bearer) throw new ApiError("Sign in first.", 401);
      headers.authorization = `Bearer ${bearer}`;
    }
    if (init.body !== undefined) headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(new URL(path, base), { method: init.method ?? "GET", headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
    } catch {
      throw new ApiError(`The TOMs service cannot be reached (${new URL(base).host}). Check your connection and try again.`, 0);
    }
    if (response.status === 404 && "notFound" in init) return init.notFound as T;
    if (!response.ok) throw await apiError(response);
    return (await response.json()) as T;
  }

  /** Every item of a list, page by page (`path` holds the query, the cursor is added). */
  async function everyPage<T>(path: string): Promise<T[]> {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page: { items: T[]; nextCursor?: string } = await call(`${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }

  return {
    authConfig: () => call<AuthConfig>("/auth/config", { auth: false }),
    developmentToken: async (userId, roles, name) =>
      (await call<{ token: string }>("/auth/dev-token", { method: "POST", auth: false, body: { userId, roles, ...(name ? { name } : {}) } })).token,
    me: () => call<Me>("/api/me"),
    catalogues: () => call<CatalogueVersions>("/api/catalogues"),
    catalogue: (version) => call<PublishedCatalogue | null>(version === undefined ? "/api/catalogue" : `/api/catalogue/${encodeURIComponent(version)}`, { notFound: null }),
    contracts: (status) => everyPage<Contract>(`/api/contracts?status=${encodeURIComponent(status)}&limit=500`),
    suppliers: async () => (await everyPage<SupplierSummary>("/api/suppliers?limit=500")).map(({ id, name, detailsToComplete }) => ({ id, name, detailsToComplete })),
    serviceAreas: async () => (await call<{ items: string[] }>("/api/service-areas")).items,
    saveEvaluation: (evaluation, workbookIssues, idempotencyKey) =>
      call<{ id: string; result: ScoreJson }>("/api/evaluations", { method: "POST", body: submissionFromEvaluation(evaluation, workbookIssues), headers: { "idempotency-key": idempotencyKey } }),
    award: (evaluationId, request) => call<AwardResult>(`/api/evaluations/${encodeURIComponent(evaluationId)}/award`, { method: "POST", body: request }),
  };
}

async function apiError(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // Not JSON: fall back to the status below.
  }
  const fields = problem.errors ?? [];
  const main = problem.detail ?? problem.title ?? defaultMessage(response.status);
  return new ApiError([main, ...fields.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message))].join(" "), response.status, fields);
}

function defaultMessage(status: number): string {
  if (status === 401) return "Your sign-in has expired or was not accepted. Sign in again.";
  if (status === 403) return "Your role does not allow this. Ask an administrator for the evaluator role.";
  if (status === 409) return "This conflicts with what is already saved.";
  return `The TOMs service could not do this (status ${status}). Try again, or tell the service desk.`;
}
