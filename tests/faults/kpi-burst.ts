// What the fault tests share: several suppliers, each with a contract and a monthly KPI it reports,
// sending a burst of KPI updates (one per month, each with its own Idempotency-Key) to a service
// over HTTP; and reading back what the service stored, to count every update once.
import { issueDevelopmentToken } from "@toms/api";
import type { KpiUpdate } from "@toms/domain";

/** One supplier's contact, their contract and the KPI they report. */
export interface BurstSupplier {
  supplierId: string;
  contractId: string;
  kpiId: string;
  token: string;
}

/** One update of the burst, and what the client got back: a status, or no answer at all. */
export interface SentUpdate {
  supplier: BurstSupplier;
  period: string;
  value: number;
  key: string;
  status?: number;
  /** The stored update's id, from a 201. */
  id?: string;
  /** The problem's title and detail, from an answer that is not 2xx. */
  problem?: { title: string; detail: string };
  retryAfter?: string | null;
  /** The service said it had this update already (Idempotent-Replayed: true). */
  replayed?: boolean;
  /** The network error when no answer came (the service was killed, or refused the connection). */
  error?: string;
}

const SERVICE_AREA = "Fault Tests";

async function call(base: string, path: string, token: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

async function created(response: Response, what: string): Promise<{ id: string }> {
  if (response.status !== 201) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

/** Monthly periods from January 2024, `count` of them (all begun, so all may be reported). */
export function months(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
}

/** An admin token for the service on `dataDir` (its development key is there, whatever its storage). */
export const adminToken = (dataDir: string) => issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });

/** `count` suppliers, each with a contract (2024 to 2027) and a monthly KPI its contact reports. */
export async function burstSuppliers(base: string, dataDir: string, count: number): Promise<BurstSupplier[]> {
  const admin = await adminToken(dataDir);
  const area = await call(base, "/api/service-areas", admin, { method: "POST", body: { name: SERVICE_AREA } });
  if (area.status !== 201 && area.status !== 409) throw new Error(`the service area answered ${area.status}`);
  const suppliers: BurstSupplier[] = [];
  for (let n = 0; n < count; n++) {
    const tag = crypto.randomUUID().slice(0, 6);
    const { id: supplierId } = await created(
      await call(base, "/api/suppliers", admin, { method: "POST", body: { name: `Burst ${tag} Ltd`, postcode: "CV1 5RR", employees: 20, turnover: 2e6, balanceSheet: 5e5 } }),
      "a supplier",
    );
    const { id: contractId } = await created(
      await call(base, "/api/contracts", admin, {
        method: "POST",
        body: { reference: `FLT-${tag}`, title: "Grounds maintenance", supplierId, category: "services", value: 120_000, startDate: "2024-01-01", endDate: "2027-12-31", managerId: "tom.brennan", serviceArea: SERVICE_AREA },
      }),
      "a contract",
    );
    const { id: kpiId } = await created(
      await call(base, `/api/contracts/${contractId}/kpis`, admin, { method: "POST", body: { title: `Grass cut on schedule ${tag}`, unit: "%", target: 90, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "supplier" } }),
      "a KPI",
    );
    const token = await issueDevelopmentToken(dataDir, { userId: `contact-${tag}`, roles: ["supplier"], supplierId });
    suppliers.push({ supplierId, contractId, kpiId, token });
  }
  return suppliers;
}

/** The burst as planned: one update per supplier per period, each with a key of its own. */
export function planBurst(suppliers: BurstSupplier[], periods: string[]): SentUpdate[] {
  return suppliers.flatMap((supplier) => periods.map((period, i) => ({ supplier, period, value: 80 + (i % 20), key: crypto.randomUUID() })));
}

/** Sends one update (again, when it was sent before: same key, same body) and records the answer on it. */
export async function sendUpdate(base: string, update: SentUpdate): Promise<SentUpdate> {
  try {
    const response = await call(base, `/api/contracts/${update.supplier.contractId}/kpis/${update.supplier.kpiId}/updates`, update.supplier.token, {
      method: "POST",
      body: { period: update.period, value: update.value },
      headers: { "idempotency-key": update.key },
    });
    const body = (await response.json()) as { id?: string; title?: string; detail?: string };
    const answered: SentUpdate = { ...update, status: response.status, retryAfter: response.headers.get("retry-after"), replayed: response.headers.get("idempotent-replayed") === "true" };
    delete answered.error;
    if (response.status === 201 && body.id) return { ...answered, id: body.id };
    return { ...answered, problem: { title: body.title ?? "", detail: body.detail ?? "" } };
  } catch (error) {
    return { ...update, error: String((error as Error).cause ?? error) };
  }
}

/**
 * Sends the planned updates, each supplier's in order with `perSupplier` in flight at once and all
 * suppliers in parallel; `onAnswer` sees each result as it comes (to kill the service mid-burst).
 */
export async function sendBurst(base: string, plan: SentUpdate[], perSupplier: number, onAnswer: (answered: SentUpdate) => void = () => undefined): Promise<SentUpdate[]> {
  const bySupplier = new Map<string, SentUpdate[]>();
  for (const update of plan) bySupplier.set(update.supplier.supplierId, [...(bySupplier.get(update.supplier.supplierId) ?? []), update]);
  const results = new Map<string, SentUpdate>();
  await Promise.all(
    [...bySupplier.values()].flatMap((updates) => {
      let next = 0;
      return Array.from({ length: perSupplier }, async () => {
        while (next < updates.length) {
          const answered = await sendUpdate(base, updates[next++] as SentUpdate);
          results.set(answered.key, answered);
          onAnswer(answered);
        }
      });
    }),
  );
  return plan.map((update) => results.get(update.key) as SentUpdate);
}

/** Every update stored for each supplier's KPI, as the API lists them (read as the admin). */
export async function storedUpdates(base: string, dataDir: string, suppliers: BurstSupplier[]): Promise<KpiUpdate[]> {
  const admin = await adminToken(dataDir);
  const lists = await Promise.all(
    suppliers.map(async (s) => {
      const response = await call(base, `/api/contracts/${s.contractId}/kpis/${s.kpiId}/updates`, admin);
      if (response.status !== 200) throw new Error(`reading updates answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { items: KpiUpdate[] }).items;
    }),
  );
  return lists.flat();
}

/** How many times each key is stored: every count must be 1. */
export function countByKey(stored: KpiUpdate[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const update of stored) counts.set(update.idempotencyKey, (counts.get(update.idempotencyKey) ?? 0) + 1);
  return counts;
}
