import type { TestProject } from "vitest/node";
import { startAzurite, type AzuriteProcess } from "@toms/storage";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

let azurite: AzuriteProcess | undefined;

/** One real Azurite table service (in memory, on a free port) for the whole test run. */
export async function setup(project: TestProject): Promise<void> {
  azurite = await startAzurite();
  project.provide("azuriteConnectionString", azurite.connectionString);
}

export async function teardown(): Promise<void> {
  await azurite?.stop();
}
