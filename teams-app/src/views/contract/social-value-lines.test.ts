import { describe, expect, it } from "vitest";
import type { KpiUpdate, SocialValueLine } from "@toms/domain";
import { commitmentsOf, moneyWords, proxyWords, traceWords } from "./social-value-lines.js";

function line(kpiId: string, period: string, committedValue: number, deliveredValue: number, extra: Partial<SocialValueLine> = {}): SocialValueLine {
  return {
    contractId: "c",
    contractReference: "CCC-1",
    supplierId: "s",
    serviceArea: null,
    kpiId,
    measure: kpiId === "k1" ? "CCC-EC03" : "CCC-EN07",
    name: kpiId,
    theme: "Jobs",
    outcomes: [],
    unit: "FTE years",
    period,
    periodEnd: "2026-06-30",
    committedQuantity: 1,
    committedValue,
    deliveredQuantity: deliveredValue > 0 ? 1.5 : 0,
    proxyValue: 37430,
    catalogueVersion: "2026.1",
    deliveredValue,
    ...extra,
  };
}

describe("social value on the contract page", () => {
  it("shows pence only where the amount has them", () => {
    expect(moneyWords(449160, "Coventry £")).toBe("Coventry £449,160");
    expect(moneyWords(21835.25, "Coventry £")).toBe("Coventry £21,835.25");
    expect(moneyWords(1659968.4, "Coventry £")).toBe("Coventry £1,659,968.40");
  });

  it("groups the lines by commitment and sums each to the penny", () => {
    const groups = commitmentsOf([line("k1", "2026-Q2", 0.1, 0.2), line("k2", "2026-Q2", 5, 0), line("k1", "2026-Q3", 0.2, 0.1)]);
    expect(groups.map((g) => [g.kpiId, g.measure, g.lines.map((l) => l.period), g.committed, g.delivered])).toEqual([
      ["k1", "CCC-EC03", ["2026-Q2", "2026-Q3"], 0.3, 0.3],
      ["k2", "CCC-EN07", ["2026-Q2"], 5, 0],
    ]);
  });

  it("says what a unit is worth, or that it is recorded only", () => {
    expect(proxyWords({ proxyValue: 37430, unit: "FTE years", catalogueVersion: "2026.1" }, "Coventry £")).toBe("Coventry £37,430 a unit (FTE years), catalogue 2026.1");
    expect(proxyWords({ proxyValue: null, unit: "hours", catalogueVersion: "2026.1" }, "Coventry £")).toBe("Recorded only, not valued (catalogue 2026.1)");
  });

  it("traces a delivered amount to its period and update", () => {
    const delivered = line("k1", "2026-Q2", 37430, 56145, { updateId: "u-7", revision: 2 });
    const update = { id: "u-7", value: 1.5, submittedBy: "leanne@example.org", submittedByName: "Leanne Ford", submittedAt: "2026-07-04T11:28:00.000Z" } as KpiUpdate;
    expect(traceWords(delivered, update, "Coventry £")).toBe("April to June 2026: from update u-7 (revision 2), 1.5 FTE years sent by Leanne Ford on 4 Jul 2026, 12:28. 1.5 FTE years × Coventry £37,430 = Coventry £56,145.");
    expect(traceWords(delivered, undefined, "Coventry £")).toBe("April to June 2026: from update u-7 (revision 2). 1.5 FTE years × Coventry £37,430 = Coventry £56,145.");
    expect(traceWords(line("k1", "2026-Q3", 37430, 0), undefined, "Coventry £")).toBe("July to September 2026: nothing accepted yet, so nothing is delivered for this period.");
  });
});
