// The authorisation matrix: for every route the service answers, what each kind of caller gets,
// about "this" contract and supplier (managed by "this" manager, supplied by "this" supplier) or
// another's. tests/security/authorisation/matrix.test.ts checks every cell against the running
// service, and docs/authorisation.md is generated from it (npm run docs:authorisation), so the
// table people read and the test cannot say different things. Data only: no test code here.

/** Who calls. "This" contract is managed by `manager` and supplied by `supplier`'s organisation. */
export const CALLERS = ["anonymous", "admin", "evaluator", "manager", "otherManager", "supplier", "otherSupplier", "edi", "noRole"] as const;
export type Caller = (typeof CALLERS)[number];

/** Each caller's column heading in docs/authorisation.md. */
export const CALLER_TITLES: Record<Caller, string> = {
  anonymous: "No token",
  admin: "Procurement officer (admin)",
  evaluator: "Evaluator",
  manager: "Contract manager: this contract",
  otherManager: "Contract manager: another's",
  supplier: "Supplier contact: this supplier",
  otherSupplier: "Supplier contact: another supplier",
  edi: "EDI analyst",
  noRole: "Signed in, no known role",
};

/** What an answer means for authorisation, in a word or two (the table's cells). */
export const STATUS_WORDS: Record<number, string> = {
  200: "yes",
  201: "yes, made",
  400: "let in (input checked)",
  401: "sign in",
  403: "refused",
  404: "not found",
  422: "let in (rule refuses)",
};

export const AREAS = [
  "Pages and sign-in",
  "You",
  "Suppliers",
  "Contracts",
  "Contract delivery",
  "KPI templates and service areas",
  "Dashboards and reports",
  "Evaluations and award",
  "Catalogue",
  "Teams bot",
  "Supplier diversity",
] as const;
export type Area = (typeof AREAS)[number];

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** The answer each caller gets, as an HTTP status. */
export type Cells = Record<Caller, number>;

export interface MatrixRow {
  method: Method;
  /** Express's path pattern, as the route inventory names it. */
  path: string;
  /** Which state of the resource, when a route has a row for each (e.g. a year published or not). */
  variant?: string;
  area: Area;
  /** The cells, or for a route outside bearer sign-in the rule that guards it instead. */
  cells: Cells | { rule: string };
  /** Why the cells are what they are, where it is not plain from the route (shown under the table). */
  note?: string;
}

/** `METHOD /path` (and the variant): a row's name, in the test and in the docs. */
export function rowName(row: Pick<MatrixRow, "method" | "path" | "variant">): string {
  return `${row.method} ${row.path}${row.variant ? ` (${row.variant})` : ""}`;
}

type Some = Partial<Record<Exclude<Caller, "anonymous">, number>>;

/** Behind sign-in: 401 without a token; the callers named get their status, everyone else `otherwise`. */
function signedIn(allowed: Some, otherwise = 403): Cells {
  return Object.fromEntries(CALLERS.map((caller) => [caller, caller === "anonymous" ? 401 : ((allowed as Record<string, number>)[caller] ?? otherwise)])) as Cells;
}

/** No sign-in at all: every caller the same answer, token or not. */
function everyone(status: number): Cells {
  return Object.fromEntries(CALLERS.map((caller) => [caller, status])) as Cells;
}

/** Read by whoever may see this contract; everyone else reads it as not found (existence does not leak). */
const contractReaders = (ok = 200) => signedIn({ admin: ok, evaluator: ok, manager: ok, supplier: ok }, 404);
/** Done by an admin or this contract's manager; the evaluator and the supplier see the contract but may not; the rest do not see it. */
const contractManagers = (ok: number) => signedIn({ admin: ok, manager: ok, evaluator: 403, supplier: 403 }, 404);
const adminOnly = (ok: number) => signedIn({ admin: ok });
/** Every role of the register (not the EDI analyst, nor a token without a role). */
const registerRoles = (ok = 200) => signedIn({ admin: ok, evaluator: ok, manager: ok, otherManager: ok, supplier: ok, otherSupplier: ok });
const staff = (ok = 200) => signedIn({ admin: ok, evaluator: ok, manager: ok, otherManager: ok });

export const MATRIX: MatrixRow[] = [
  // Pages and sign-in: nothing here holds data (docs/security.md, "What needs no sign-in").
  { method: "GET", path: "/healthz", area: "Pages and sign-in", cells: everyone(200) },
  { method: "GET", path: "/docs", area: "Pages and sign-in", cells: everyone(200) },
  { method: "GET", path: "/docs/:name", area: "Pages and sign-in", cells: everyone(200) },
  { method: "GET", path: "/", area: "Pages and sign-in", cells: everyone(200) },
  { method: "GET", path: "/auth/config", area: "Pages and sign-in", cells: everyone(200) },
  { method: "POST", path: "/auth/dev-token", area: "Pages and sign-in", cells: { rule: "development sign-in only, from this computer (TOMS_DEV_SIGN_IN=on): tests/security/dev-sign-in.test.ts" } },
  { method: "GET", path: "/dev/mail", area: "Pages and sign-in", cells: { rule: "the development mailbox: only while it runs (development, no SMTP or Graph set), with TOMS_DEV_SIGN_IN=on, from this computer: tests/mail/dev-mail.test.ts" } },
  { method: "GET", path: "/dev/mail/:id", area: "Pages and sign-in", cells: { rule: "the development mailbox, as /dev/mail" } },
  { method: "GET", path: "/diversity/:token", area: "Supplier diversity", cells: { rule: "signed link: the form's random link is the key; a token opens nothing" } },
  { method: "POST", path: "/diversity/:token", area: "Supplier diversity", cells: { rule: "signed link" } },
  { method: "GET", path: "/diversity/:token/answers.json", area: "Supplier diversity", cells: { rule: "signed link" } },
  { method: "POST", path: "/diversity/:token/erase", area: "Supplier diversity", cells: { rule: "signed link" } },
  { method: "GET", path: "/update/:token", area: "Contract delivery", cells: { rule: "signed link: a supplier contact's random update link is the key; a token opens nothing" } },
  { method: "POST", path: "/update/:token", area: "Contract delivery", cells: { rule: "signed link" } },
  { method: "POST", path: "/update/:token/fresh-link", area: "Contract delivery", cells: { rule: "signed link: the same answer whatever the link; a new link goes only to the address an expired link was sent to" } },
  { method: "POST", path: "/api/messages", area: "Teams bot", cells: { rule: "Bot Framework signature: the channel's token, checked by the adapter (docs/security.md, \"The Teams bot\")" } },

  { method: "GET", path: "/api/me", area: "You", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 200, noRole: 200 }), note: "Says who the token names and its roles, even none." },

  { method: "POST", path: "/api/suppliers", area: "Suppliers", cells: adminOnly(201) },
  { method: "GET", path: "/api/suppliers", area: "Suppliers", cells: registerRoles(), note: "A supplier's contact gets a list of one: its own organisation." },
  { method: "GET", path: "/api/suppliers/:id", area: "Suppliers", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 404 }) },
  { method: "PATCH", path: "/api/suppliers/:id", area: "Suppliers", cells: adminOnly(200) },
  { method: "POST", path: "/api/suppliers/:id/contacts", area: "Suppliers", cells: adminOnly(201) },
  { method: "GET", path: "/api/suppliers/:id/contacts", area: "Suppliers", cells: signedIn({ admin: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 404 }) },
  { method: "PUT", path: "/api/suppliers/:id/contacts/:contactId/channel", area: "Suppliers", cells: signedIn({ admin: 200, manager: 200 }), note: "How prompts reach the contact (Teams, e-mail or automatic): a procurement officer, or the manager of a current contract with the supplier; another manager is refused." },

  { method: "POST", path: "/api/contracts", area: "Contracts", cells: adminOnly(201) },
  { method: "GET", path: "/api/contracts", area: "Contracts", cells: registerRoles(), note: "Each caller lists only the contracts in its scope." },
  { method: "GET", path: "/api/contracts/:id", area: "Contracts", cells: contractReaders() },
  { method: "GET", path: "/api/contracts/:id/commitments", area: "Contracts", cells: contractReaders() },
  { method: "PATCH", path: "/api/contracts/:id", area: "Contracts", cells: signedIn({ admin: 200, manager: 200, otherManager: 404 }), note: "A manager changes the description, title, dates and service area of their own contracts; another manager does not see this one (404); the other roles may change no contract, and are refused before it is looked up (403, whether it exists or not)." },

  { method: "GET", path: "/api/contracts/:id/kpis", area: "Contract delivery", cells: contractReaders() },
  { method: "POST", path: "/api/contracts/:id/kpis", area: "Contract delivery", cells: contractManagers(201) },
  { method: "GET", path: "/api/contracts/:id/update-links", area: "Contract delivery", cells: contractManagers(200) },
  { method: "POST", path: "/api/contracts/:id/update-links/:linkId/revoke", area: "Contract delivery", cells: contractManagers(200), note: "Revoking a link revoked already answers it as it is." },
  { method: "POST", path: "/api/contracts/:id/kpis/from-template", area: "Contract delivery", cells: contractManagers(201) },
  { method: "PATCH", path: "/api/contracts/:id/kpis/:kpiId", area: "Contract delivery", cells: contractManagers(200) },
  { method: "GET", path: "/api/contracts/:id/kpis/:kpiId/updates", area: "Contract delivery", cells: contractReaders() },
  { method: "POST", path: "/api/contracts/:id/kpis/:kpiId/updates", area: "Contract delivery", cells: signedIn({ admin: 201, manager: 201, supplier: 201, evaluator: 403 }, 404), note: "Of a KPI the supplier reports." },
  { method: "POST", path: "/api/contracts/:id/kpis/:kpiId/updates/:updateId/review", area: "Contract delivery", cells: contractManagers(200) },
  { method: "POST", path: "/api/contracts/:id/reminders", area: "Contract delivery", cells: contractManagers(201) },
  { method: "POST", path: "/api/contracts/:id/commitments", area: "Contract delivery", cells: adminOnly(201), note: "Of a contract without an award: an admin's only, refused to everyone else before the contract is looked up." },
  { method: "GET", path: "/api/contracts/:id/social-value", area: "Contract delivery", cells: contractReaders() },
  { method: "GET", path: "/api/contracts/:id/assessments", area: "Contract delivery", cells: contractReaders() },
  { method: "POST", path: "/api/contracts/:id/assessments", area: "Contract delivery", cells: contractManagers(201) },
  { method: "POST", path: "/api/contracts/:id/assessments/:assessmentId/confirm", area: "Contract delivery", cells: contractManagers(200) },
  { method: "POST", path: "/api/contracts/:id/assessments/:assessmentId/notice", area: "Contract delivery", cells: contractManagers(201) },
  { method: "GET", path: "/api/contracts/:id/performance-notice", area: "Contract delivery", cells: contractReaders(), note: "Of a confirmed assessment." },

  { method: "GET", path: "/api/kpi-templates", area: "KPI templates and service areas", cells: staff() },
  { method: "POST", path: "/api/kpi-templates", area: "KPI templates and service areas", cells: adminOnly(201) },
  { method: "GET", path: "/api/service-areas", area: "KPI templates and service areas", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 200 }), note: "The council's structure, not the register's data: every role reads it." },
  { method: "POST", path: "/api/service-areas", area: "KPI templates and service areas", cells: adminOnly(201) },

  { method: "GET", path: "/api/dashboard/portfolio", area: "Dashboards and reports", cells: registerRoles(), note: "Each caller counts only the contracts in its scope." },
  { method: "GET", path: "/api/dashboard/contracts/:id", area: "Dashboards and reports", cells: contractReaders() },
  { method: "GET", path: "/api/dashboard/suppliers/:id", area: "Dashboards and reports", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 404 }) },
  { method: "GET", path: "/api/dashboard/overdue", area: "Dashboards and reports", cells: registerRoles(), note: "Each caller lists only the contracts in its scope." },
  { method: "GET", path: "/api/reports/social-value", area: "Dashboards and reports", cells: staff(), note: "A manager's report holds only their contracts." },
  { method: "GET", path: "/api/reports/social-value", variant: "as CSV", area: "Dashboards and reports", cells: staff() },
  { method: "GET", path: "/api/reports/social-value", variant: "as an Excel workbook", area: "Dashboards and reports", cells: staff() },

  { method: "POST", path: "/api/evaluations", area: "Evaluations and award", cells: signedIn({ admin: 201, evaluator: 201 }) },
  { method: "GET", path: "/api/evaluations", area: "Evaluations and award", cells: signedIn({ admin: 200, evaluator: 200 }) },
  { method: "GET", path: "/api/evaluations/:id", area: "Evaluations and award", cells: signedIn({ admin: 200, evaluator: 200 }) },
  { method: "POST", path: "/api/evaluations/:id/award", area: "Evaluations and award", cells: signedIn({ admin: 200, evaluator: 200 }), note: "To a contract of the register (200; 201 when the award creates it)." },
  { method: "POST", path: "/api/evaluations/:id/award/withdrawal", area: "Evaluations and award", cells: adminOnly(201) },
  { method: "GET", path: "/api/evaluations/:id/award/withdrawals", area: "Evaluations and award", cells: signedIn({ admin: 200, evaluator: 200 }) },

  { method: "GET", path: "/api/catalogues", area: "Catalogue", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 200 }) },
  { method: "GET", path: "/api/catalogue", area: "Catalogue", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 200 }) },
  { method: "GET", path: "/api/catalogue/:version", area: "Catalogue", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, supplier: 200, otherSupplier: 200, edi: 200 }) },
  { method: "POST", path: "/api/catalogue", area: "Catalogue", cells: adminOnly(201) },

  { method: "POST", path: "/api/admin/prompts/run", area: "Teams bot", cells: adminOnly(200) },
  { method: "POST", path: "/api/admin/mail/bounces", area: "Teams bot", cells: adminOnly(422), note: "A bounce of a prompt's e-mail, posted as the returned message; the matrix posts one that is not a delivery report, which an admin is told (422)." },

  { method: "POST", path: "/api/diversity/campaigns", area: "Supplier diversity", cells: adminOnly(201) },
  { method: "GET", path: "/api/diversity/campaigns", area: "Supplier diversity", cells: signedIn({ admin: 200, edi: 200 }) },
  { method: "POST", path: "/api/diversity/campaigns/:year/close", area: "Supplier diversity", cells: adminOnly(200) },
  { method: "GET", path: "/api/diversity/campaigns/:year/links.csv", area: "Supplier diversity", cells: adminOnly(200) },
  { method: "POST", path: "/api/diversity/campaigns/:year/teams-invitations", area: "Supplier diversity", cells: adminOnly(200) },
  { method: "GET", path: "/api/diversity/campaigns/:year/reminders", area: "Supplier diversity", cells: signedIn({ admin: 200, edi: 200 }) },
  { method: "POST", path: "/api/diversity/responses", area: "Supplier diversity", cells: signedIn({ supplier: 201, otherSupplier: 404 }), note: "Answers for this supplier: another supplier's contact reads it as not found." },
  { method: "GET", path: "/api/diversity/responses", area: "Supplier diversity", cells: signedIn({ supplier: 200, otherSupplier: 200, edi: 200 }), note: "A supplier's contact gets its own organisation's answers, whatever it asks for; an EDI analyst says why." },
  { method: "DELETE", path: "/api/diversity/responses", area: "Supplier diversity", cells: signedIn({ supplier: 200, otherSupplier: 200, edi: 200 }), note: "A supplier's contact erases only its own organisation's answers, whatever it names." },
  { method: "GET", path: "/api/diversity/baseline", variant: "a published year", area: "Supplier diversity", cells: signedIn({ admin: 200, evaluator: 200, manager: 200, otherManager: 200, edi: 200 }) },
  { method: "GET", path: "/api/diversity/baseline", variant: "a year not yet published", area: "Supplier diversity", cells: signedIn({ edi: 200 }) },
  { method: "POST", path: "/api/diversity/baseline/publish", variant: "a closed year", area: "Supplier diversity", cells: signedIn({ edi: 200 }), note: "Publishing a year again keeps its first publication." },
  { method: "POST", path: "/api/diversity/baseline/publish", variant: "a year still open", area: "Supplier diversity", cells: signedIn({ edi: 422 }), note: "A year is published only once its campaign is closed." },
  { method: "GET", path: "/api/diversity/engagement", area: "Supplier diversity", cells: signedIn({ edi: 200 }) },
  { method: "GET", path: "/api/diversity/audit", area: "Supplier diversity", cells: signedIn({ admin: 200, edi: 200 }), note: "An admin's copy leaves out which businesses were read." },
  { method: "POST", path: "/api/admin/diversity/retention/run", area: "Supplier diversity", cells: adminOnly(200) },
];
