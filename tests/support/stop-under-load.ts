// A service manager's stop in the middle of a burst of writes: SIGTERM to the service's whole
// process group while many supplier creations are in flight (a test and a benchmark share it).
import type { ServiceProcess } from "./service-process.js";

/** What one write got: an answer (the new supplier's id when 201), or no answer at all. */
export type BurstAnswer = { name: string; status: number; id?: string } | { name: string; error: string };

export interface StopUnderLoad {
  answers: BurstAnswer[];
  /** Milliseconds from the signal to the service's exit. */
  stopMs: number;
  exitCode: number | null;
}

/** Sends `writes` parallel POST /api/suppliers, signals the group once `signalAfter` have been
 * answered, and waits for every write and for the service to exit. The service must lead its
 * process group (started with `groupLeader`). */
export async function stopUnderLoad(service: ServiceProcess, token: string, writes: number, signalAfter: number): Promise<StopUnderLoad> {
  const pid = service.child.pid as number;
  let answered = 0;
  let signalledAt = 0;
  let exitedAt = 0;
  const exit = service.exited().then((code) => {
    exitedAt = performance.now();
    return code;
  });
  const signal = () => {
    if (signalledAt) return;
    signalledAt = performance.now();
    process.kill(-pid, "SIGTERM");
  };
  const write = async (i: number): Promise<BurstAnswer> => {
    const name = `Burst Supplier ${i} Ltd`;
    try {
      const response = await fetch(`http://127.0.0.1:${service.port}/api/suppliers`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ name, postcode: "CV1 2GT", employees: i % 250, turnover: 1_000_000, balanceSheet: 500_000 }),
      });
      const body = (await response.json()) as { id?: string };
      return { name, status: response.status, ...(response.status === 201 && body.id ? { id: body.id } : {}) };
    } catch (error) {
      return { name, error: String((error as Error).cause ?? error) };
    } finally {
      if (++answered === signalAfter) signal();
    }
  };
  const answers = await Promise.all(Array.from({ length: writes }, (_, i) => write(i)));
  signal();
  const exitCode = await exit;
  return { answers, stopMs: exitedAt - signalledAt, exitCode };
}
