// The task pane in a real browser (playwright-core; tests/support/browser.ts finds it), served by the real
// service. Outside Office it explains itself; in a test page where an office-addin-mock workbook
// stands in for Excel, an evaluator lays out, scores, moderates and awards an evaluation end to end.
// Requests to any address but the service are refused, so nothing leaves the machine.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cells, signInAndLayOut, startAddinHost, type AddinHost, type HostWindow } from "../support/addin-host.js";
import { publishTestCatalogue, tenderSubmission } from "../support/award-fixtures.js";
import type { TestService } from "../support/service.js";
import { ensureServiceArea, TEST_SERVICE_AREA } from "../support/service-areas.js";

const WAIT = { timeout: 20_000 };

let host: AddinHost;
let service: TestService;
let outside: string[];
let pageErrors: string[];

beforeAll(async () => {
  host = await startAddinHost();
  ({ service, outside, pageErrors } = host);
  await ensureServiceArea(service, await service.token("rob.amor", "admin"));
}, 180_000);

afterAll(() => host?.close());

function open(path: string): Promise<Page> {
  return host.open(path);
}

/** Fills in the Award step's new contract: a services contract of 2027-2030 in TEST_SERVICE_AREA, managed by tom.brennan. */
async function fillNewContract(page: Page, reference: string, title: string): Promise<void> {
  const draft = page.getByTestId("new-contract");
  await draft.getByRole("textbox", { name: "Reference" }).fill(reference);
  await draft.getByRole("textbox", { name: "Title" }).fill(title);
  await draft.getByRole("combobox", { name: "Category" }).click();
  await page.getByRole("option", { name: "services" }).click();
  await draft.getByRole("combobox", { name: "Service area" }).click();
  await page.getByRole("option", { name: TEST_SERVICE_AREA }).click();
  await draft.getByLabel("Start date").fill("2027-04-01");
  await draft.getByLabel("End date").fill("2030-03-31");
  await draft.getByRole("textbox", { name: /^Contract manager/ }).fill("tom.brennan");
}

describe("outside Office", () => {
  it("says the pane runs inside Excel and how to sideload it, without errors", async () => {
    const page = await open("/addin/taskpane.html");
    const message = page.getByTestId("outside-office");
    await message.waitFor(WAIT);
    expect(await message.textContent()).toContain("This add-in runs inside Excel.");
    const body = (await page.locator("body").textContent()) ?? "";
    expect(body).toContain("Upload My Add-in");
    expect(body).toContain("Trusted Add-in Catalogs");
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe("what the service hands Excel", () => {
  it("serves Office.js itself and the TOMS functions' metadata generated from their JSDoc", async () => {
    const office = await service.call("/addin/office/office.js");
    expect(office.status).toBe(200);
    expect((await office.text()).length).toBeGreaterThan(1000);
    const functions = (await (await service.call("/addin/functions.json")).json()) as { functions: { id: string; parameters: { name: string; optional?: boolean }[] }[] };
    expect(functions.functions.map((f) => [f.id, f.parameters.map((p) => `${p.name}${p.optional ? "?" : ""}`)])).toEqual([
      ["PROXY", ["code", "version?"]],
      ["VALUE", ["code", "quantity", "version?"]],
    ]);
  });
});

describe("inside Excel (office-addin-mock workbook)", () => {
  it("lays out, scores, moderates and awards an evaluation", async () => {
    // Each bidder holds a contract of the register; the pane must offer the winner's first.
    const admin = await service.token("rob.amor", "admin");
    const contractOf = new Map<string, { id: string; reference: string }>();
    for (const [i, name] of ["Acme Ltd", "Beta plc", "Gamma LLP"].entries()) {
      const supplier = await service.call("/api/suppliers", { method: "POST", token: admin, body: { name, postcode: "CV1 5RR", employees: 40, turnover: 4_000_000, balanceSheet: 1_500_000 } });
      expect(supplier.status).toBe(201);
      const reference = `CCC-E2E-00${i + 1}`;
      const created = await service.call("/api/contracts", {
        method: "POST",
        token: admin,
        body: { reference, title: "Library cleaning", supplierId: ((await supplier.json()) as { id: string }).id, category: "services", value: 900_000, startDate: "2027-04-01", endDate: "2030-03-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA },
      });
      expect(created.status).toBe(201);
      contractOf.set(name, { id: ((await created.json()) as { id: string }).id, reference });
    }

    const page = await open("/addin/test-host.html");

    // Sign in (development service) as an evaluator; new evaluation: the suggested set for services, three bidders.
    await signInAndLayOut(page, ["Acme Ltd", "Beta plc", "Gamma LLP"], "T-E2E-1", WAIT);
    const names = await page.evaluate(() => (globalThis as unknown as HostWindow).tomsWorkbook.sheets.map((s) => s.name));
    expect(names).toEqual(["Sheet1", "Instructions", "Tender", "Bidders", "Commitments", "Moderation"]);
    const layout = await cells(page, "Commitments");
    expect(layout[0]?.slice(0, 8)).toEqual(["Measure", "Description", "Theme", "Unit", "Proxy value", "Acme Ltd", "Beta plc", "Gamma LLP"]);
    const measures = layout.slice(1).map((row) => row[0]);
    expect(measures.length).toBeGreaterThan(5);

    // The evaluator types in the bids; one quantity is typed as text, "1,200", and one is not a number.
    await page.evaluate((rows) => {
      const wb = (globalThis as unknown as HostWindow).tomsWorkbook;
      const bidders = wb.sheet("Bidders");
      [[1_200_000, 4], [950_000, 3], [1_500_000, 5]].forEach(([price, score], b) => {
        wb.write(bidders, b + 1, 1, price);
        wb.write(bidders, b + 1, 2, score);
      });
      const commitments = wb.sheet("Commitments");
      for (let r = 1; r <= rows; r++) for (let b = 0; b < 3; b++) wb.write(commitments, r, 5 + b, ((r * 7 + b * 3) % 9) + 1);
      const typedAsText = (commitments as { rows: { value: unknown; type: string }[][] }).rows[1]?.[5];
      if (typedAsText) Object.assign(typedAsText, { value: "1,200", type: "String" });
      const notANumber = (commitments as { rows: { value: unknown; type: string }[][] }).rows[2]?.[7];
      if (notANumber) Object.assign(notANumber, { value: "lots", type: "String" });
    }, measures.length);

    // Score: Results and Breakdown are written; the issue selects its cell.
    await page.getByRole("tab", { name: "Score and moderate" }).click();
    await page.getByRole("button", { name: "Score the workbook" }).click();
    await page.getByTestId("results").waitFor(WAIT);
    const issue = page.getByRole("button", { name: /typed as text "1,200"/ });
    await issue.click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as HostWindow).tomsWorkbook.selection), WAIT).toEqual({ sheet: "Commitments", row: 1, column: 5 });
    const results = await cells(page, "Results");
    expect(results[0]?.slice(0, 8)).toEqual(["Rank", "Bidder", "Tender price (£)", "Social value (Coventry £)", "SV add", "Quantitative marks", "Qualitative marks", "Total marks"]);
    expect(results.slice(1, 4).map((row) => row[0])).toEqual([1, 2, 3]);

    // Moderate: accept half of Beta plc's first commitment, and score again.
    await page.evaluate(() => {
      (globalThis as unknown as HostWindow).tomsWorkbook.selection = { sheet: "Commitments", row: 1, column: 6 };
    });
    await page.getByRole("button", { name: "Use the selected cell" }).click();
    await page.getByTestId("moderation").getByText(`Beta plc: ${String(measures[0])}`).waitFor(WAIT);
    await page.getByLabel("Accepted %").fill("50");
    await page.getByLabel("Reason").fill("Only half of the hours are in Coventry");
    const rescored = page.waitForFunction(() => (globalThis as unknown as HostWindow).tomsWorkbook.sheets.some((s) => s.name === "Moderation" && s.rows[1]?.[0]?.value === "Beta plc"), undefined, WAIT);
    await page.getByRole("button", { name: "Save and score again" }).click();
    await rescored;
    await page.getByTestId("moderation").waitFor({ state: "detached", ...WAIT });
    expect((await cells(page, "Moderation"))[1]?.slice(0, 4)).toEqual(["Beta plc", measures[0], 0.5, "Only half of the hours are in Coventry"]);
    const moderated = await cells(page, "Results");
    const betaBefore = results.find((row) => row[1] === "Beta plc");
    const betaAfter = moderated.find((row) => row[1] === "Beta plc");
    expect(Number(betaAfter?.[3])).toBeLessThan(Number(betaBefore?.[3]));

    // Award, in a pane 300 px wide: the top-ranked bidder, on their own contract.
    await page.setViewportSize({ width: 300, height: 1200 });
    const winner = String(moderated[1]?.[1]);
    const theirs = contractOf.get(winner);
    if (!theirs) throw new Error(`no contract for ${winner}`);
    await page.getByRole("tab", { name: "Award" }).click();
    const summary = page.getByTestId("award-summary");
    await summary.getByText(/^Committed social value: Coventry £[\d,]+\.\d\d over \d+ commitments$/).waitFor(WAIT);
    await summary.getByText("1 Error-level scoring issue is still open:").waitFor(WAIT);
    const awardButton = page.getByRole("button", { name: "Award", exact: true });

    // The picker: the winner's unawarded contract first, then the others, marked with their supplier.
    const picker = page.getByRole("combobox", { name: "Contract" });
    await picker.click();
    const options = page.getByRole("option");
    await options.first().waitFor(WAIT);
    const listed = await options.allTextContents();
    expect(listed[0]).toBe(`${theirs.reference} Library cleaning`);
    expect(listed.slice(1)).toEqual([...contractOf].filter(([name]) => name !== winner).map(([name, c]) => `${c.reference} Library cleaning` + `with ${name}`));
    const fitsPane = async (selector: string) => page.locator(selector).first().evaluate((el) => ({ right: Math.ceil(el.getBoundingClientRect().right), overflow: el.scrollWidth > el.clientWidth }));
    expect(await fitsPane('[role="listbox"]')).toEqual({ right: expect.any(Number) as number, overflow: false });
    expect((await fitsPane('[role="listbox"]')).right).toBeLessThanOrEqual(300);

    // Another supplier's contract needs the evaluator to confirm they are the same organisation.
    await options.nth(1).click();
    const confirm = page.getByRole("checkbox", { name: /is the same organisation as/ });
    await confirm.waitFor(WAIT);
    expect(await awardButton.isDisabled()).toBe(true);

    // A new contract is prefilled from the tender and the winner's price.
    await page.getByRole("radio", { name: "Create a new contract" }).click();
    const draft = page.getByTestId("new-contract");
    expect(await draft.getByRole("textbox", { name: "Reference" }).inputValue()).toBe("T-E2E-1");
    expect(await draft.getByRole("textbox", { name: /^Value/ }).inputValue()).toBe(String(results.find((row) => row[1] === winner)?.[2]));
    // A refusal shows by the control that caused it: here a reference another contract has.
    await page.getByRole("checkbox", { name: "I have reviewed these errors, and the award should go ahead" }).check();
    await fillNewContract(page, "CCC-E2E-002", "Library cleaning");
    await awardButton.click();
    await draft.getByText("The reference is already another contract's reference.").waitFor(WAIT);
    await page.getByRole("checkbox", { name: "I have reviewed these errors, and the award should go ahead" }).uncheck();
    await page.getByRole("radio", { name: "A contract in the register" }).click();

    // Search, then choose the winner's contract: no confirmation is asked.
    await picker.fill("");
    await picker.pressSequentially(theirs.reference);
    await expect.poll(() => options.allTextContents(), WAIT).toEqual([`${theirs.reference} Library cleaning`]);
    await options.first().click();
    await confirm.waitFor({ state: "detached", ...WAIT });

    // The open error blocks the award until the evaluator ticks that they reviewed it.
    expect(await awardButton.isDisabled()).toBe(true);
    await page.getByRole("checkbox", { name: "I have reviewed these errors, and the award should go ahead" }).check();
    expect(await fitsPane('section[aria-label="Award"]')).toEqual({ right: expect.any(Number) as number, overflow: false });
    expect((await fitsPane('section[aria-label="Award"]')).right).toBeLessThanOrEqual(300);

    // The service re-scores to the same marks, and stores the award with the tick.
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/evaluations" && r.request().method() === "POST", WAIT);
    const awarded = page.waitForResponse((r) => /\/api\/evaluations\/[^/]+\/award$/.test(new URL(r.url()).pathname), WAIT);
    await awardButton.click();
    const evaluation = (await (await saved).json()) as { result: { bidders: { bidder: string; totalMarks: number; socialValue: number }[] } };
    const award = (await (await awarded).json()) as { bidder: string; contractId: string; totalCommittedValue: number; issuesReviewed: boolean; errorIssues: number };
    await page.getByTestId("awarded").waitFor(WAIT);
    expect(await page.getByTestId("awarded").textContent()).toContain(`Awarded to ${award.bidder} on contract ${theirs.reference}. Committed social value: Coventry £`);
    const sheetRows = moderated.slice(1, 4).map((row) => ({ bidder: row[1], socialValue: row[3], totalMarks: row[7] }));
    expect(evaluation.result.bidders.map((b) => ({ bidder: b.bidder, socialValue: b.socialValue, totalMarks: b.totalMarks }))).toEqual(sheetRows);
    expect(award).toMatchObject({ bidder: winner, contractId: theirs.id, issuesReviewed: true, errorIssues: 1 });
    expect(award.totalCommittedValue).toBeCloseTo(Number(sheetRows[0]?.socialValue), 6);
    const contract = (await (await service.call(`/api/contracts/${theirs.id}`, { token: admin })).json()) as { award: { bidder: string } | null };
    expect(contract.award).toMatchObject({ bidder: winner });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it("on the Award step, says why it cannot award yet and asks which supplier a renamed one is", async () => {
    // A supplier an earlier award added for Delta Works Ltd, renamed since by procurement.
    const admin = await service.token("rob.amor", "admin");
    const { version } = await publishTestCatalogue(service, admin);
    const earlier = await service.call("/api/evaluations", { method: "POST", token: admin, body: tenderSubmission(version, { reference: "T-E2E-EARLIER", bidders: [{ name: "Delta Works Ltd", price: 2000, qualitativeScore: 5 }], commitments: [{ measure: "T-1", quantities: [1], accepted: [1] }] }) });
    const newContract = (reference: string) => ({ reference, title: "Grounds", category: "services", value: 2000, startDate: "2027-04-01", endDate: "2030-03-31", managerId: "tom.brennan", serviceArea: TEST_SERVICE_AREA });
    const added = (await (await service.call(`/api/evaluations/${((await earlier.json()) as { id: string }).id}/award`, { method: "POST", token: admin, body: { bidder: "Delta Works Ltd", contract: newContract("CCC-E2E-EARLIER") } })).json()) as { supplierId: string };
    const read = await service.call(`/api/suppliers/${added.supplierId}`, { token: admin });
    expect((await service.call(`/api/suppliers/${added.supplierId}`, { method: "PATCH", token: admin, body: { name: "Northgate Cleaning Ltd" }, headers: { "if-match": read.headers.get("etag") ?? "" } })).status).toBe(200);

    const page = await open("/addin/test-host.html");
    await signInAndLayOut(page, ["Delta Works Ltd", "Epsilon Ltd"], "T-E2E-2", WAIT);
    const rows = (await cells(page, "Commitments")).length - 1;
    await page.evaluate((count) => {
      const wb = (globalThis as unknown as HostWindow).tomsWorkbook;
      const bidders = wb.sheet("Bidders");
      [[1_000_000, 5], [1_100_000, 3]].forEach(([price, score], b) => {
        wb.write(bidders, b + 1, 1, price);
        wb.write(bidders, b + 1, 2, score);
      });
      const commitments = wb.sheet("Commitments");
      for (let r = 1; r <= count; r++) for (let b = 0; b < 2; b++) wb.write(commitments, r, 5 + b, 2 - b);
    }, rows);
    await page.getByRole("tab", { name: "Score and moderate" }).click();
    await page.getByRole("button", { name: "Score the workbook" }).click();
    await page.getByTestId("results").waitFor(WAIT);

    // The catalogue version is not found in the service: the award step says why it cannot award.
    let published = false;
    await page.route(/\/api\/catalogue\/[^/?]+$/, (route) => (published ? route.fallback() : route.fulfill({ status: 404, contentType: "application/problem+json", body: JSON.stringify({ status: 404, detail: "Not found" }) })));
    await page.getByRole("tab", { name: "Award" }).click();
    const unpublished = page.getByText(/^Catalogue version .+, which this workbook is scored with, is not published in the TOMs service, so the award cannot be made/);
    await unpublished.waitFor(WAIT);
    const awardButton = page.getByRole("button", { name: "Award", exact: true });
    expect(await awardButton.isDisabled()).toBe(true);
    published = true;
    await page.getByRole("button", { name: "Try again" }).click();
    await unpublished.waitFor({ state: "detached", ...WAIT });
    const summary = page.getByTestId("award-summary");
    await summary.getByText(/^Committed social value: Coventry £[\d,]+\.\d\d over \d+ commitments$/).waitFor(WAIT);

    // A new contract for Delta Works Ltd: the register has no supplier of that name.
    await page.getByRole("combobox", { name: "Winning bidder" }).click();
    await page.getByRole("option", { name: /^Delta Works Ltd/ }).click();
    await page.getByRole("radio", { name: "Create a new contract" }).click();
    const draft = page.getByTestId("new-contract");
    await draft.getByText("Delta Works Ltd is not in the register: the award adds it with its name only, and procurement completes its details.").waitFor(WAIT);
    await fillNewContract(page, "CCC-E2E-NEW-1", "Grounds maintenance");
    await awardButton.click();

    // The service finds the renamed supplier under the name's id and asks: the pane offers the register.
    await draft.getByText(/^The supplier is to be chosen: Delta Works Ltd is not in the register by that name, and the supplier added for it at an earlier award is now named Northgate Cleaning Ltd\./).waitFor(WAIT);
    expect(await awardButton.isDisabled()).toBe(true);
    await draft.getByRole("combobox", { name: "Supplier" }).click();
    await page.getByRole("option", { name: /^Northgate Cleaning Ltd/ }).click();
    await draft.getByText("Choose which supplier of the register Delta Works Ltd is. Procurement has still to complete its postcode, headcount, turnover and balance sheet.").waitFor(WAIT);
    const awarded = page.waitForResponse((r) => /\/api\/evaluations\/[^/]+\/award$/.test(new URL(r.url()).pathname) && r.status() === 201, WAIT);
    await awardButton.click();
    const made = (await (await awarded).json()) as { contractId: string; supplierId: string; supplierConfirmed: boolean };
    await page.getByTestId("awarded").waitFor(WAIT);
    expect(made).toMatchObject({ supplierId: added.supplierId, supplierConfirmed: true });
    expect(await service.storage.contracts.get(made.contractId)).toMatchObject({ reference: "CCC-E2E-NEW-1", supplierId: added.supplierId, serviceArea: TEST_SERVICE_AREA, award: { bidder: "Delta Works Ltd" } });
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it("sent nothing to any address but the service", () => {
    expect(outside).toEqual([]);
  });
});
