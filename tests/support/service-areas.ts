// The service area the tests record their contracts in, added to the council's list first: it may
// be one of the defaults already (409), or not (201).
import { expect } from "vitest";
import type { TestService } from "./service.js";

/** A directorate every test contract is in. */
export const TEST_SERVICE_AREA = "Streetscene and Regulatory Services";

/** Makes sure `name` is in the service's list of service areas. */
export async function ensureServiceArea(service: TestService, adminToken: string, name: string = TEST_SERVICE_AREA): Promise<void> {
  const added = await service.call("/api/service-areas", { method: "POST", token: adminToken, body: { name } });
  expect([201, 409]).toContain(added.status);
}
