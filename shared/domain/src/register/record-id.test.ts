import { describe, expect, it } from "vitest";
import { z } from "zod";
import { contractInputSchema } from "./contract.js";
import { awardRequestSchema } from "../award/award-request.js";
import { isRecordId, recordIdSchema } from "./record-id.js";

// What Azure refuses in a table key, and what would walk a path: none of it is an id.
const NOT_IDS = ["a/b", "a\\b", "a#b", "a?b", "a\u0000b", "a\u001fb", "a\u007fb", "../../x", "' or PartitionKey ne '", "a".repeat(65), "é", ""];

describe("record ids", () => {
  it("are UUIDs and the suite's UUID-shaped ids, nothing else", () => {
    expect(isRecordId("3f1c2b4a-1d2e-4a3b-a4c5-0123456789ab")).toBe(true);
    expect(isRecordId("demo-supplier-1")).toBe(true);
    for (const text of NOT_IDS) expect(isRecordId(text), JSON.stringify(text)).toBe(false);
    expect(isRecordId(7)).toBe(false);
  });

  it("are refused in a body with a message naming the field", () => {
    const schema = z.object({ supplierId: recordIdSchema("a supplier in the register") });
    for (const text of NOT_IDS.filter((t) => t !== "")) {
      const result = schema.safeParse({ supplierId: text });
      expect(result.success, JSON.stringify(text)).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["supplierId", "must be the id of a supplier in the register (letters, digits and dashes, as the register gives it)"]]);
    }
    expect(schema.safeParse({ supplierId: " 3f1c2b4a-1d2e-4a3b-a4c5-0123456789ab " }).data).toEqual({ supplierId: "3f1c2b4a-1d2e-4a3b-a4c5-0123456789ab" });
  });

  it("are what a new contract's supplier and an award's contract and supplier must be", () => {
    const contract = contractInputSchema.safeParse({ reference: "C-1", title: "Parks", supplierId: "a/b", category: "services", value: 1, startDate: "2025-01-01", endDate: "2026-01-01", managerId: "tom.brennan", serviceArea: "Parks" });
    expect(contract.error?.issues.map((i) => i.path.join("."))).toEqual(["supplierId"]);
    const award = awardRequestSchema.safeParse({ bidder: "Beta Ltd", contractId: "../../x", supplierId: "a#b" });
    expect(award.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["contractId", "supplierId"]);
  });
});
