// `npm run bench -- service-stop`: how long the service takes to stop when a service manager sends
// SIGTERM to its process group in the middle of 240 parallel writes (embedded storage), and how
// the writes fared. Medians of 3 runs, each on a fresh data folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { issueDevelopmentToken } from "@toms/api";
import { freePort } from "@toms/storage";
import { startServiceProcess } from "../support/service-process.js";
import { stopUnderLoad } from "../support/stop-under-load.js";

const RUNS = 3;
const WRITES = 240;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const stops: number[] = [];
const acknowledged: number[] = [];
const unanswered: number[] = [];
const failed: number[] = [];

for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(join(tmpdir(), "toms-bench-stop-"));
  try {
    const service = startServiceProcess({ port: await freePort(), dataDir, groupLeader: true });
    await service.healthy();
    const token = await issueDevelopmentToken(dataDir, { userId: "rob.amor", roles: ["admin"] });
    const result = await stopUnderLoad(service, token, WRITES, 20);
    stops.push(result.stopMs);
    acknowledged.push(result.answers.filter((a) => "status" in a && a.status === 201).length);
    failed.push(result.answers.filter((a) => "status" in a && a.status >= 500).length);
    unanswered.push(result.answers.filter((a) => "error" in a).length);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`BENCH service-stop-under-load ${median(stops).toFixed(0)} ms`);
console.log(`BENCH service-stop-acknowledged-of-${WRITES} ${median(acknowledged)} writes`);
console.log(`BENCH service-stop-5xx-of-${WRITES} ${median(failed)} writes`);
console.log(`BENCH service-stop-unanswered-of-${WRITES} ${median(unanswered)} writes`);
