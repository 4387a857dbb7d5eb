// The answers and requests whose shape on the wire is not one type at home: what a route adds to
// or takes from a type of @toms/domain or @toms/app, declared once here. Types only.
import type { MarkNoticeRequest } from "@toms/app";
import type { ComplianceFinding, Contract, ContractDelivery, Principal, Role, YearType } from "@toms/domain";

/** Who is signed in (GET /api/me), how the service signs people in, and the council's money label. */
export interface Me extends Principal {
  signIn: "development" | "entra";
  /** The money unit's name every amount is shown in, e.g. "Coventry £". */
  moneyLabel: string;
}

/** Someone of the demo data to sign in as in development, and what they can do, in words. */
export interface DemoUser {
  userId: string;
  name: string;
  roles: Role[];
  /** The supplier a supplier's contact acts for. */
  supplierId?: string;
  description: string;
}

/**
 * GET /auth/config: how to sign in. In development, whether signing in as anyone is on
 * (TOMS_DEV_SIGN_IN) and the demo's people (none unless it is on and the service loads the demo
 * data); with Microsoft Entra ID, the tenant, the app and the scopes to ask for.
 */
export type AuthConfig = { mode: "development"; devSignIn: "on" | "off"; demoUsers: DemoUser[] } | { mode: "entra"; tenantId: string; clientId: string; scopes: string[] };

/** POST /auth/dev-token: who to be in development (on this computer only). */
export interface DevelopmentTokenRequest {
  userId: string;
  roles: Role[];
  name?: string;
  /** Required with the supplier role. */
  supplierId?: string;
}

/** GET /api/contracts/{id}: the contract, its Procurement Act findings, and the ETag to change it with. */
export interface ContractDetail extends Contract {
  compliance: ComplianceFinding[];
  /** The contract's ETag (from the answer's header): send it as If-Match to change the contract. */
  etag: string;
}

/** GET /api/dashboard/contracts/{id}: one contract's delivery in full, with the contract. */
export type ContractDashboard = ContractDelivery & {
  contract: Contract;
  /** The supplier's name as the register holds it (null if it has been removed). */
  supplierName: string | null;
};

/** POST …/assessments/{assessmentId}/notice: where and when the UK9 notice was published. */
export type NoticePublished = Pick<MarkNoticeRequest, "url" | "publishedAt">;

/** Which year's social value report: the last complete financial year unless said. */
export interface ReportQuery {
  /** A financial year by its first April (2025 is 2025/26), or a calendar year with yearType "calendar". */
  year?: number;
  yearType?: YearType;
}

/** The report as a file a person keeps or sends. */
export interface ReportFileQuery extends ReportQuery {
  format: "csv" | "xlsx";
}

/** A file the service answered with, and the name it gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}
