import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { socialValueLines, spreadEvenly } from "./social-value.js";
import { summarise } from "./summary.js";
import { commitment, commitmentKpiRecord, contract, kpi, review, update } from "./test-support.js";

const term = contract({ serviceArea: "Streetscene" });

describe("social value lines", () => {
  const summary = summarise(
    {
      contractId: "c-1",
      kpis: [kpi(), commitmentKpiRecord(), commitmentKpiRecord({ id: "sv-2", commitment: commitment({ measure: "T03", name: "Policy in place", proxyValue: null, committedValue: 0, committedQuantity: 8 }) })],
      updates: [update({ kpiId: "sv-1", period: "2026-Q2", value: 12 }), update({ kpiId: "sv-1", period: "2026-Q2", revision: 2, value: 14 }), update({ kpiId: "sv-1", period: "2026-Q3", value: 9 }), update({ kpiId: "sv-2", period: "2026-Q2", value: 1 })],
      reviews: [review("u-sv-1-2026-Q2-1", "approve"), review("u-sv-2-2026-Q2-1", "approve")],
      assessments: [],
      publications: [],
    },
    1,
    "",
  );
  const lines = socialValueLines(term, summary, 14);

  it("has one line per commitment and period of the term, KPIs left out", () => {
    expect(lines.filter((l) => l.kpiId === "sv-1")).toHaveLength(8);
    expect(lines.filter((l) => l.kpiId === "sv-2")).toHaveLength(8);
    expect(lines.some((l) => l.kpiId === "k-1")).toBe(false);
  });

  it("values the accepted quantity at the commitment's proxy, tracing it to its update", () => {
    expect(lines[0]).toEqual({
      contractId: "c-1",
      contractReference: "CCC-101",
      supplierId: "s-1",
      serviceArea: "Streetscene",
      kpiId: "sv-1",
      measure: "T01",
      name: "Hours of mentoring",
      theme: "Economic",
      outcomes: ["Jobs", "Skills"],
      unit: "hours",
      period: "2026-Q2",
      periodEnd: "2026-06-30",
      committedQuantity: 10,
      committedValue: 1000,
      // Revision 2 waits for review: revision 1 counts.
      deliveredQuantity: 12,
      proxyValue: 100,
      catalogueVersion: "T1",
      deliveredValue: 1200,
      updateId: "u-sv-1-2026-Q2-1",
      revision: 1,
    });
    // Not accepted: nothing delivered, and no update named.
    expect(lines[1]).toMatchObject({ period: "2026-Q3", deliveredQuantity: 0, deliveredValue: 0 });
    expect(lines[1]).not.toHaveProperty("updateId");
  });

  it("counts a record-only measure's quantity at no value", () => {
    expect(lines[8]).toMatchObject({ kpiId: "sv-2", deliveredQuantity: 1, proxyValue: null, deliveredValue: 0, committedValue: 0, committedQuantity: 1 });
  });

  it("has no lines without a summary or a contract without commitments", () => {
    expect(socialValueLines(term, undefined, 14)).toEqual([]);
    expect(socialValueLines(contract(), summarise({ contractId: "c-1", kpis: [kpi()], updates: [], reviews: [], assessments: [], publications: [] }, 1, ""), 14)).toEqual([]);
    expect(socialValueLines(contract(), summary, 14)[0]?.serviceArea).toBeNull();
  });
});

describe("spreading a commitment over the periods", () => {
  it("gives the last period what is left, so the parts add up to the total exactly", () => {
    expect(spreadEvenly(100, 3)).toEqual([100 / 3, 100 / 3, 100 - 2 * (100 / 3)]);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 1, max: 120 }), (total, count) => {
        const parts = spreadEvenly(total, count);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((sum, p) => sum + p, 0)).toBe(total);
      }),
    );
  });

  it("the lines of a commitment are whole pence and add up to its committed value to the penny, whatever the term", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.double({ min: 0, max: 1e7, noNaN: true }), fc.constantFrom("monthly" as const, "quarterly" as const, "annual" as const), (startOffset, length, committedValue, frequency) => {
        const start = new Date(Date.UTC(2024, 0, 1 + startOffset)).toISOString().slice(0, 10);
        const end = new Date(Date.UTC(2024, 0, 1 + startOffset + length)).toISOString().slice(0, 10);
        const record = commitmentKpiRecord({ frequency, commitment: commitment({ committedValue }) });
        const summary = summarise({ contractId: "c-1", kpis: [record], updates: [], reviews: [], assessments: [], publications: [] }, 1, "");
        const lines = socialValueLines(contract({ startDate: start, endDate: end }), summary, 14);
        const pence = lines.map((l) => l.committedValue * 100);
        for (const p of pence) expect(Math.abs(p - Math.round(p))).toBeLessThan(1e-6);
        expect(pence.reduce((sum, p) => sum + Math.round(p), 0)).toBe(Math.round(committedValue * 100));
      }),
    );
  });
});
