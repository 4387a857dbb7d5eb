import { describe, expect, it } from "vitest";
import { StorageError, isStorageError } from "./errors.js";
import { CHANGE_ATTEMPTS, retryOnChange } from "./retry-on-change.js";

describe("a read-then-write against a row that changes", () => {
  it("is tried again after a 412, and answers what the attempt that went through answers", async () => {
    let tries = 0;
    const result = await retryOnChange("The row", async () => {
      tries++;
      if (tries < 3) throw new StorageError("precondition-failed", "changed");
      return "written";
    });
    expect([result, tries]).toEqual(["written", 3]);
  });

  it("gives up after a bounded number of tries with precondition-failed naming what kept changing", async () => {
    let tries = 0;
    const outcome = retryOnChange("Contract CCC-1", async () => {
      tries++;
      throw new StorageError("precondition-failed", "changed");
    });
    await expect(outcome).rejects.toSatisfy((error) => isStorageError(error, "precondition-failed") && /^Contract CCC-1 kept changing/.test((error as Error).message));
    expect(tries).toBe(CHANGE_ATTEMPTS);
  });

  it("does not retry other failures", async () => {
    let tries = 0;
    await expect(retryOnChange("The row", async () => {
      tries++;
      throw new StorageError("conflict", "taken");
    })).rejects.toSatisfy((error) => isStorageError(error, "conflict"));
    expect(tries).toBe(1);
  });
});
