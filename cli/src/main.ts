// The `toms` process entry (bin/toms.js imports it): the CLI over the suite's stored catalogues.
import { run } from "./cli.js";
import { unexpectedFailure } from "./refusal.js";
import { storedCatalogues } from "./stored-catalogues.js";

const debug = process.env.TOMS_DEBUG === "1";
// A failure outside any command's own handling (a child process, a stream) still ends in a sentence.
const fail = (error: unknown) => {
  process.stderr.write(`${unexpectedFailure(error, debug)}\n`);
  process.exit(2);
};
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

const catalogues = storedCatalogues();
try {
  process.exitCode = await run(process.argv.slice(2), { catalogues, debug, ...(process.env.TOMS_MONEY_LABEL ? { moneyLabel: process.env.TOMS_MONEY_LABEL } : {}) });
} finally {
  await catalogues.close().catch(fail);
}
