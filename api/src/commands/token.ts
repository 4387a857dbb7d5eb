// `npm run token -- --user <id> --role <role> [--supplier <id>] [--name "<name>"] [--hours N]`
// Prints one development sign-in token on its last line (what it used goes to stderr).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ROLES, isRole, type Role } from "@toms/domain";
import { issueDevelopmentToken } from "../auth/dev-issuer.js";
import { ConfigError, loadConfig } from "../config.js";

const usage = `Usage: npm run token -- --user <id> --role <${ROLES.join("|")}> [--role <another>] [--supplier <supplierId>] [--name "<name>"] [--hours <n>]`;

const help = `${usage}

Prints a development sign-in token for the TOMs service on its last line, signed with the key in
the data folder (TOMS_DATA_DIR, by default .data in the repository). The service accepts it when
it uses the same folder.

  --user <id>            who the token is for (the demo managers: amara.okafor, tom.brennan, ...)
  --role <role>          ${ROLES.join(", ")}; repeat it, or separate with commas, for several
  --supplier <id>        the supplier a supplier contact acts for (required with --role supplier)
  --name "<name>"        the name shown for the user (default: the user id)
  --hours <n>            how long the token lasts, up to 720 (default 12)
  -h, --help             this text

Example: TOKEN=$(npm run --silent token -- --user rob.amor --role admin | tail -1)`;

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      user: { type: "string" },
      role: { type: "string", multiple: true },
      supplier: { type: "string" },
      name: { type: "string" },
      hours: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(help);
  process.exit(0);
}
if (!args.user) fail("--user is required.");
const roles = (args.role ?? []).flatMap((r) => r.split(",")).map((r) => r.trim());
if (roles.length === 0) fail("--role is required.");
const unknown = roles.filter((r) => !isRole(r));
if (unknown.length > 0) fail(`Unknown role ${unknown.join(", ")}.`);
if (roles.includes("supplier") && !args.supplier) fail("--supplier <supplierId> is required with the supplier role.");
const hours = args.hours ? Number(args.hours) : 12;
if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) fail("--hours must be a number of hours between 0 and 720.");

try {
  const config = loadConfig();
  if (config.signIn.mode !== "development") fail("Development tokens are off: this service is configured for Microsoft Entra ID sign-in.");
  const token = await issueDevelopmentToken(config.dataDir, {
    userId: args.user,
    roles: roles as Role[],
    ...(args.name ? { name: args.name } : {}),
    ...(args.supplier ? { supplierId: args.supplier } : {}),
    lifetime: Math.round(hours * 3600),
  });
  // stderr, so that the last line of stdout stays the token.
  console.error(`Signed with the development key in ${resolve(config.dataDir)} (TOMS_DATA_DIR): the service accepts it when it uses the same data folder.`);
  console.log(token);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}
