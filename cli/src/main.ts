// The `toms` process entry (bin/toms.js imports it): the CLI over the suite's stored catalogues.
import { SettingsError } from "@toms/storage";
import { run } from "./cli.js";
import { storedCatalogues } from "./stored-catalogues.js";

const catalogues = storedCatalogues();
try {
  process.exitCode = await run(process.argv.slice(2), { catalogues, ...(process.env.TOMS_MONEY_LABEL ? { moneyLabel: process.env.TOMS_MONEY_LABEL } : {}) });
} catch (error) {
  if (!(error instanceof SettingsError)) throw error;
  process.stderr.write(`toms: the storage settings are not valid:\n${error.message}\n`);
  process.exitCode = 2;
} finally {
  await catalogues.close();
}
