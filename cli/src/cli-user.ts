// Who `toms` acts as when it writes to the suite's storage: the person signed in to this computer,
// as a procurement officer.
import { userInfo } from "node:os";
import type { Principal } from "@toms/domain";

/**
 * The caller `toms` passes to the use cases it runs (`publishCatalogues`): the computer's user,
 * with the administrator role (admin, procurement officers).
 *
 * The command line has no sign-in of its own, and does not need one to be honest about who acts:
 * it reaches the tables with the storage's own settings (a connection string with the account
 * key, a managed identity, or the data folder of embedded storage), and whoever holds those can
 * write every table directly. So it is an administrator's tool, and the role says so rather than
 * being checked here. The user id is `toms-cli:<user name>`: the publisher a catalogue version
 * records is the person who ran the import, marked as coming from the command line, never
 * confused with a user id from sign-in.
 *
 * @example
 * await publishCatalogues(deps, cliUser(), file); // published by "toms-cli:rob"
 */
export function cliUser(username: string = userInfo().username): Principal {
  return { userId: `toms-cli:${username}`, name: `${username} (toms command line)`, roles: ["admin"] };
}
