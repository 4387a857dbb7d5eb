import { describe, expect, it } from "vitest";
import { periodLabel } from "@toms/domain";
import { formatCompact, inUkWords, percentDelivered, shortPeriodLabel } from "./format.js";

describe("the share of social value delivered", () => {
  it("is in whole per cent, rounded down below 100", () => {
    expect(percentDelivered({ committed: 5000, delivered: 1200 })).toBe(24);
    expect(percentDelivered({ committed: 1000, delivered: 996 })).toBe(99);
    expect(percentDelivered({ committed: 1000, delivered: 1000 })).toBe(100);
    expect(percentDelivered({ committed: 1000, delivered: 1256 })).toBe(126);
    expect(percentDelivered({ committed: 1000, delivered: 0 })).toBe(0);
    expect(percentDelivered({ committed: 267530, delivered: 176793.38 })).toBe(66);
  });

  it("has no share when nothing is committed", () => {
    expect(percentDelivered({ committed: 0, delivered: 0 })).toBeNull();
    expect(percentDelivered({ committed: 0, delivered: 30 })).toBeNull();
  });
});

describe("a period on a chart's axis", () => {
  it("names months and quarters by their months, and a year by itself", () => {
    expect(shortPeriodLabel("2026-03")).toBe("Mar 2026");
    expect(shortPeriodLabel("2026-Q1")).toBe("Jan–Mar 2026");
    expect(shortPeriodLabel("2025-Q4")).toBe("Oct–Dec 2025");
    expect(shortPeriodLabel("2026-Q3")).toBe("Jul–Sept 2026");
    expect(shortPeriodLabel("2026")).toBe("2026");
  });

  it("leaves what is not a period as it is", () => {
    expect(shortPeriodLabel("2025-Q5")).toBe("2025-Q5");
    expect(shortPeriodLabel("soon")).toBe("soon");
  });
});

describe("an amount on a chart's axis", () => {
  it("is shortened the UK way", () => {
    // The letter's case is the browser's own (its version of the Unicode data).
    expect(formatCompact(1_260_000)).toMatch(/^1\.3m$/i);
    expect(formatCompact(350_000)).toMatch(/^350k$/i);
    expect(formatCompact(950)).toBe("950");
  });
});

describe("the service's messages in UK words", () => {
  it("writes its dates the UK way and leaves the rest", () => {
    expect(inUkWords("4 KPI updates are overdue, the oldest due on 2026-09-14: the supplier owes 4.")).toBe("4 KPI updates are overdue, the oldest due on 14 September 2026: the supplier owes 4.");
    expect(inUkWords("The annual assessment of 2025-09-01 to 2026-08-31 is worth £9,800,000")).toBe("The annual assessment of 1 September 2025 to 31 August 2026 is worth £9,800,000");
    expect(inUkWords("approved by Tom Brennan on 2026-12-02 05:05 (UK time).")).toBe("approved by Tom Brennan on 2 December 2026 05:05 (UK time).");
  });

  it("names the months and quarters of its periods", () => {
    expect(inUkWords('1 KPI update is overdue (2026-03 of "Bins collected", due on 2026-04-14): the supplier\'s contacts must send it.')).toBe(
      '1 KPI update is overdue (March 2026 of "Bins collected", due on 14 April 2026): the supplier\'s contacts must send it.',
    );
    expect(inUkWords("2026-Q2 has not begun yet: report it once it has")).toBe("April to June 2026 has not begun yet: report it once it has");
  });

  it("names every month and quarter by the domain's periodLabel", () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}`);
    for (const period of [...months, "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]) expect(inUkWords(`Due for ${period}.`), period).toBe(`Due for ${periodLabel(period)}.`);
  });

  it("leaves references, instants and what is no date alone", () => {
    for (const text of ["Contract CCC-2024-037 is ended.", "Sent at 2026-04-14T10:00:00Z.", "Month 2026-13 is not one.", "Call 2026-01-02-03.", "Nothing here."]) expect(inUkWords(text)).toBe(text);
  });
});
