import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertPortFree, listen, ListenError } from "./listen.js";

let held: Server;
let port: number;

beforeAll(async () => {
  held = createServer();
  await new Promise<void>((resolve) => held.listen(0, "127.0.0.1", resolve));
  port = (held.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => held.close(() => resolve())));

describe("taking the service's address", () => {
  it("refuses a port in use at listen too (taken after the check), in the words the start prints", async () => {
    const taking = listen(() => undefined, "127.0.0.1", port);
    await expect(taking).rejects.toBeInstanceOf(ListenError);
    await expect(taking).rejects.toThrow(`Port ${port} is in use (another TOMs Suite or another program); set PORT`);
  });

  it("names HOST when it is not an address of this machine", async () => {
    await expect(assertPortFree("192.0.2.1", port)).rejects.toThrow("HOST 192.0.2.1 is not an address of this machine; set HOST");
  });

  it("lets a free port be taken, and gives it back after answering what is in flight", async () => {
    await assertPortFree("127.0.0.1", 0);
    // The stop is asked for while the request is in the handler: no timers race each other.
    let closed: Promise<void> | undefined;
    const listening = await listen((_req, res) => {
      closed = listening.close();
      setImmediate(() => res.end("answered"));
    }, "127.0.0.1", 0);
    const address = listening.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/`);
    expect(await response.text()).toBe("answered");
    expect(response.headers.get("connection")).toBe("close");
    await closed;
    await expect(assertPortFree("127.0.0.1", address.port)).resolves.toBeUndefined();
  });
});
