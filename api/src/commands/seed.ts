// `npm run seed`: loads whatever part of the demo portfolio is missing (idempotent).
import { createAppDeps } from "@toms/app";
import { connectStorage, describeStorage } from "@toms/storage";
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { openDiversity, storageConfig } from "../service.js";
import { seedDemo } from "../seed/demo.js";
import { seedDemoDiversity } from "../seed/demo-diversity.js";

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
  const storage = await connectStorage(storageConfig(config, log));
  try {
    const added = await seedDemo(storage, new Date(), config.updateDueDays);
    console.log(`Demo portfolio loaded into ${describeStorage(config)}: ${added.suppliers} suppliers and ${added.contracts} contracts added, and the delivery of ${added.deliveries} contracts (the rest were already there).`);
    const deps = createAppDeps(storage, { moneyLabel: config.moneyLabel, delivery: { dueDays: config.updateDueDays }, council: config.council });
    const diversity = await seedDemoDiversity(storage, await openDiversity(config, deps, log), new Date());
    console.log(`Demo supplier diversity: ${diversity.suppliers} local businesses, ${diversity.campaigns} campaigns and ${diversity.responses} answers added (the rest were already there).`);
  } finally {
    await storage.close();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `The demo portfolio could not be loaded: ${(error as Error).message}`);
  process.exit(1);
}
