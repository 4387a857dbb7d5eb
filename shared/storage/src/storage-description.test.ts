import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { describeStorage } from "./storage-description.js";

describe("the storage a tool says it used", () => {
  it("names the embedded storage's data folder in full", () => {
    expect(describeStorage({ dataDir: ".data", tablePrefix: "toms" })).toBe(`the embedded storage in ${resolve(".data")} (TOMS_DATA_DIR)`);
  });

  it("names an Azure account and its table endpoint, never its key or signature", () => {
    const text = describeStorage({ dataDir: ".data", tablePrefix: "toms", connectionString: "DefaultEndpointsProtocol=https;AccountName=coventrytoms;AccountKey=c2VjcmV0a2V5;EndpointSuffix=core.windows.net" });
    expect(text).toBe("the storage account coventrytoms at https://coventrytoms.table.core.windows.net (TOMS_STORAGE_CONNECTION_STRING)");
    const sas = describeStorage({ dataDir: ".data", tablePrefix: "toms", connectionString: "TableEndpoint=https://coventrytoms.table.core.windows.net/;SharedAccessSignature=sv=2024&sig=c2lnbmF0dXJl" });
    expect(sas).toBe("https://coventrytoms.table.core.windows.net/ (TOMS_STORAGE_CONNECTION_STRING)");
    expect(sas).not.toContain("sig=");
  });

  it("names an account URL", () => {
    expect(describeStorage({ dataDir: ".data", tablePrefix: "toms", accountUrl: "https://coventrytoms.table.core.windows.net" })).toBe("the storage account at https://coventrytoms.table.core.windows.net (TOMS_STORAGE_ACCOUNT_URL)");
  });
});
