// The process entry point of the one service: `npm start` runs this after building.
import { describeStorage } from "@toms/storage";
import { ConfigError, loadConfig } from "./config.js";
import { ListenError } from "./listen.js";
import { createLogger } from "./logger.js";
import { startService } from "./service.js";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  // A person watching a terminal reads lines; anything else (a service manager, a file) gets JSON.
  const forPeople = process.stdout.isTTY === true;
  const log = createLogger(config.logLevel, { forPeople });
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "unhandled promise rejection (the service keeps running)"));

  const service = await startService(config, log);
  if (forPeople) {
    // The summary is the "running" line for a person: where to go next, said once.
    const signIn = config.signIn.mode === "development" ? "development sign-in (npm run token -- --user <id> --role <role>)" : "Microsoft Entra ID sign-in";
    process.stdout.write(`\nTOMs Suite is running at ${service.url}\n  home page and docs: ${service.url}/\n  health: ${service.url}/healthz\n  storage: ${describeStorage(config)}\n  sign-in: ${signIn}\n  Excel add-in pane: ${service.url}/addin/taskpane.html (load it in Excel: ${service.url}/docs/excel-addin.md)\n  Stop with Ctrl+C.\n\n`);
  } else {
    log.info({ url: service.url, storage: service.storage.mode, signIn: config.signIn.mode }, `TOMs Suite is running at ${service.url} (health: ${service.url}/healthz)`);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests and saving storage");
    const force = setTimeout(() => {
      log.error("could not stop within 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    service.close().then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // A ListenError already says what to change, in the words users are told to expect.
  console.error(error instanceof ListenError ? error.message : `The TOMs service could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
