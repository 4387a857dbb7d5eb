// The process entry point of the one service: `npm start` runs this after building.
import { resolve } from "node:path";
import { describeStorage, securePrivateFolder } from "@toms/storage";
import { ConfigError, loadConfig } from "./config.js";
import { ListenError } from "./listen.js";
import { createLogger } from "./logger.js";
import { startService, type RunningService } from "./service.js";

const FORCED_EXIT_MS = 40_000;
// Said at every start with TOMS_DEV_SIGN_IN=on, so nobody leaves it on without knowing.
const DEV_SIGN_IN_ON = "Development sign-in is on: anyone using this computer can sign in as anyone (TOMS_DEV_SIGN_IN=off turns it off).";

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

  // Signals are taken from the start: a stop asked for while storage is still starting waits for
  // the start to finish, then stops, so the embedded Azurite is never left running on its own.
  let service: RunningService | undefined = undefined;
  let stopAsked: NodeJS.Signals | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (!service) {
      // Asked twice, it is meant: the next start stops an Azurite left behind, and it saves.
      if (stopAsked) process.exit(1);
      stopAsked = signal;
      log.info({ signal }, "stopping once the start has finished (send it again to stop at once)");
      return;
    }
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing requests and saving storage");
    // Longer than the drain (20 s) and Azurite's save (up to 15 s), so a slow stop still saves.
    const force = setTimeout(() => {
      log.error(`could not stop within ${FORCED_EXIT_MS / 1000} s; exiting`);
      process.exit(1);
    }, FORCED_EXIT_MS);
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

  // Before anything is written there: the folder holds the sign-in key and the council's data.
  const tightened = securePrivateFolder(config.dataDir);
  if (tightened.length > 0) {
    log.warn({ dataDir: resolve(config.dataDir), changed: tightened.length }, "the data folder could be read by other users of this computer: it is now readable only by the user running the service");
  }
  service = await startService(config, log);
  const devSignInOn = config.signIn.mode === "development" && config.signIn.devSignIn;
  if (forPeople) {
    // The summary is the "running" line for a person: where to go next, said once.
    const signIn = config.signIn.mode === "development" ? "development sign-in (npm run token -- --user <id> --role <role>)" : "Microsoft Entra ID sign-in";
    const devSignIn = devSignInOn ? `  ${DEV_SIGN_IN_ON}\n` : "";
    process.stdout.write(`\nTOMs Suite is running at ${service.url}\n  home page and docs: ${service.url}/\n  health: ${service.url}/healthz\n  storage: ${describeStorage(config)}\n  sign-in: ${signIn}\n${devSignIn}  Excel add-in pane: ${service.url}/addin/taskpane.html (load it in Excel: ${service.url}/docs/excel-addin.md)\n  Stop with Ctrl+C.\n\n`);
  } else {
    log.info({ url: service.url, storage: service.storage.mode, signIn: config.signIn.mode, devSignIn: devSignInOn }, `TOMs Suite is running at ${service.url} (health: ${service.url}/healthz)`);
    if (devSignInOn) log.warn(DEV_SIGN_IN_ON);
  }

  if (stopAsked) stop(stopAsked);
}

main().catch((error: unknown) => {
  // A ListenError already says what to change, in the words users are told to expect.
  console.error(error instanceof ListenError ? error.message : `The TOMs service could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
