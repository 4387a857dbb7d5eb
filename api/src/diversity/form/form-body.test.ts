// The form's posted body read into answers: through express.urlencoded as the router reads it.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUESTIONNAIRE_V1, readDiversityAnswers } from "@toms/domain";
import { readFormBody, type FormBody } from "./form-body.js";

let base = "";
let close: () => void = () => undefined;

// The same parser settings as the router: flat names, repeated names as lists, a small body.
beforeAll(async () => {
  const app = express();
  app.post("/read", express.urlencoded({ extended: false, limit: "64kb" }), (req, res) => {
    res.json(readFormBody(QUESTIONNAIRE_V1, req.body));
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function post(pairs: [string, string][]): Promise<FormBody> {
  const response = await fetch(`${base}/read`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(pairs).toString() });
  expect(response.status).toBe(200);
  return (await response.json()) as FormBody;
}

describe("readFormBody", () => {
  it("turns repeated names into lists, leaves blanks out, and the result passes readDiversityAnswers", async () => {
    const body = await post([
      ["privacyNoticeVersion", "diversity-2026.1"],
      ["sector", "other"],
      ["sectorOther", "  Beekeeping  "],
      ["employeesBand", "under-10"],
      ["turnoverBand", ""],
      ["ownersEthnicGroup", "indian"],
      ["barriers", "contract-size"],
      ["barriers", "payment-terms"],
      ["barriers", "other"],
      ["barriersOther", "Insurance levels"],
      ["ownersReligionOther", "   "],
      ["councilCouldDo", "Pay in 14 days"],
      ["consentToContact", "yes"],
      ["action", "submit"],
    ]);
    expect(body).toEqual({
      action: "submit",
      fields: {
        privacyNoticeVersion: "diversity-2026.1",
        sector: "other",
        sectorOther: "  Beekeeping  ",
        employeesBand: "under-10",
        ownersEthnicGroup: ["indian"],
        barriers: ["contract-size", "payment-terms", "other"],
        barriersOther: "Insurance levels",
        councilCouldDo: "Pay in 14 days",
        consentToContact: "yes",
      },
    });
    const read = readDiversityAnswers(QUESTIONNAIRE_V1, body.fields);
    expect(read).toEqual({
      ok: true,
      answers: {
        questionnaireVersion: "2026.1",
        privacyNoticeVersion: "diversity-2026.1",
        sector: "other",
        sectorOther: "Beekeeping",
        employeesBand: "under-10",
        ownersEthnicGroup: ["indian"],
        barriers: ["contract-size", "payment-terms", "other"],
        barriersOther: "Insurance levels",
        councilCouldDo: "Pay in 14 days",
        consentToContact: "yes",
      },
    });
  });

  it("gives a multiple choice ticked once as a list, which a plain string would not pass", async () => {
    const { fields } = await post([["privacyNoticeVersion", "diversity-2026.1"], ["ownersAgeBand", "35-to-49"]]);
    expect(fields.ownersAgeBand).toEqual(["35-to-49"]);
    expect(readDiversityAnswers(QUESTIONNAIRE_V1, fields).ok).toBe(true);
    expect(readDiversityAnswers(QUESTIONNAIRE_V1, { ...fields, ownersAgeBand: "35-to-49" }).ok).toBe(false);
  });

  it("drops names the questionnaire does not ask, and reads no name from the prototype", async () => {
    const { fields } = await post([["supplierId", "s-1"], ["year", "2026"], ["confirm", "yes"], ["__proto__", "x"], ["constructor", "y"], ["womenOwned", "no"]]);
    expect(fields).toEqual({ womenOwned: "no" });
    expect(readFormBody(QUESTIONNAIRE_V1, JSON.parse('{"__proto__": {"womenOwned": "yes"}}'))).toEqual({ action: "draft", fields: {} });
  });

  it("keeps the first of a single answer posted twice", async () => {
    const { fields } = await post([["legalForm", "charity"], ["legalForm", "partnership"]]);
    expect(fields.legalForm).toBe("charity");
  });

  it("sends only on an explicit submit; save, nothing or anything else saves a draft", async () => {
    expect((await post([["action", "submit"]])).action).toBe("submit");
    expect((await post([["action", "draft"]])).action).toBe("draft");
    expect((await post([])).action).toBe("draft");
    expect((await post([["action", "publish"]])).action).toBe("draft");
    expect(readFormBody(QUESTIONNAIRE_V1, undefined)).toEqual({ action: "draft", fields: {} });
  });

  it("keeps an empty form empty: no answers, and it reads as nothing answered", async () => {
    const { fields } = await post([["sector", ""], ["barriers", ""], ["councilCouldDo", "   "]]);
    expect(fields).toEqual({});
    expect(readDiversityAnswers(QUESTIONNAIRE_V1, fields)).toEqual({ ok: true, answers: { questionnaireVersion: "2026.1" } });
  });
});
