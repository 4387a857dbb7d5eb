import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE, readEvaluation, submissionFromEvaluation, type ScoreJson } from "@toms/domain";
import { readXlsx } from "@toms/xlsx";
import { startTestService, type TestService } from "../support/service.js";

const example = fileURLToPath(new URL("../../examples/evaluation-example.xlsx", import.meta.url));
const toms = fileURLToPath(new URL("../../cli/bin/toms.js", import.meta.url));

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(() => service.close());

describe("the CLI and the API agree", () => {
  it("gives identical numbers for the example workbook", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [toms, "score", example, "--json"]);
    const cli = JSON.parse(stdout) as ScoreJson;
    expect(cli.bidders.length).toBeGreaterThan(1);

    const { grid } = await readXlsx(example);
    const read = readEvaluation(grid, DEFAULT_CATALOGUE);
    if (!read.ok) throw new Error(read.refusal.message);
    const evaluator = await service.token("eve", "evaluator");
    const response = await service.call("/api/evaluations", { method: "POST", token: evaluator, body: submissionFromEvaluation(read.evaluation) });
    expect(response.status).toBe(201);
    const api = ((await response.json()) as { result: ScoreJson }).result;

    expect(api.tender).toEqual(cli.tender);
    // Exact equality: the same engine on the same inputs, full precision through JSON.
    expect(api.bidders).toEqual(cli.bidders);
  });
});
