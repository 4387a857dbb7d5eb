import { describe, expect, it } from "vitest";
import { cannotWrite, unexpectedFailure } from "./refusal.js";

// What the operating system says, in the words the CLI prints. Codes a Linux test cannot provoke
// (Windows reports a file Excel has open as EBUSY or EPERM) are given as the errors Node makes.
const systemError = (code: string) => Object.assign(new Error(`${code}: internal text, open '/x/t.xlsx'`), { code });

describe("plain words for system errors", () => {
  it("says why a file cannot be written, never the system's own message", () => {
    expect(cannotWrite("/x/t.xlsx", systemError("ENOENT")).message).toBe("cannot write /x/t.xlsx: the folder does not exist.");
    expect(cannotWrite("t.xlsx", systemError("EBUSY")).message).toBe("cannot write t.xlsx: the file is open in another program (close it and try again).");
    expect(cannotWrite("t.xlsx", systemError("EPERM")).message).toBe("cannot write t.xlsx: permission denied, or the file is open in another program (close it and try again).");
    expect(cannotWrite("t.xlsx", systemError("EIO")).message).toBe("cannot write t.xlsx: the system refused.");
  });
  it("finds the reason in an error's cause, as network libraries wrap it", () => {
    const wrapped = new Error("request failed", { cause: systemError("ECONNREFUSED") });
    expect(unexpectedFailure(wrapped, false)).toBe("toms stopped: nothing answers at that address.");
  });
  it("tells anything else in one sentence, with the details only when asked", () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(unexpectedFailure(bug, false)).toBe("toms stopped unexpectedly. Run the command again with TOMS_DEBUG=1 for the details, and tell the service desk if it keeps happening.");
    expect(unexpectedFailure(bug, true)).toContain("TypeError: Cannot read properties of undefined");
  });
});
