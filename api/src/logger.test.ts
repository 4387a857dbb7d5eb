import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, lines: () => text.split("\n").filter(Boolean) };
}

describe("the service's log", () => {
  it("reads as lines for a person: time, level, message, and a request as method, path, status and time", () => {
    const out = capture();
    const log = createLogger("info", { forPeople: true, destination: out.stream });
    log.info({ mode: "embedded" }, "storage ready");
    log.info({ req: { method: "GET", url: "/api/contracts", headers: { authorization: "Bearer secret" } }, res: { status: 200 }, responseTime: 12 }, "request completed");
    const [first, second] = out.lines();
    expect(first).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: storage ready \{"mode":"embedded"\}$/);
    expect(second).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/contracts 200 \(12 ms\)$/);
    expect(out.lines().join("\n")).not.toContain("secret");
  });

  it("stays JSON for machines", () => {
    const out = capture();
    const log = createLogger("info", { destination: out.stream });
    log.info({ mode: "embedded" }, "storage ready");
    expect(JSON.parse(out.lines()[0] as string)).toMatchObject({ level: 30, service: "toms", mode: "embedded", msg: "storage ready" });
  });
});
