// How the toms command fails: a refusal the user can act on, told in their words, or one plain
// sentence for anything unexpected. Never a stack trace or a library's message.

/** A failure the user can fix, told in their words; `run` prints it and exits with EXIT.cannot. */
export class Refusal extends Error {}

/** What an operating system error code means, for people: files, folders, the network. */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: "it does not exist",
  ENOTDIR: "part of the path is a file, not a folder",
  EISDIR: "that is a folder, not a file",
  EACCES: "permission denied",
  // Windows answers EPERM or EBUSY for a file that Excel has open.
  EPERM: "permission denied, or the file is open in another program (close it and try again)",
  EBUSY: "the file is open in another program (close it and try again)",
  EEXIST: "the file already exists (choose another name or delete it first)",
  ENOSPC: "the disk is full",
  EROFS: "the disk is read-only",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many files are open",
  ECONNREFUSED: "nothing answers at that address",
  ENOTFOUND: "the host name is not known",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "it did not answer in time",
  ECONNRESET: "the connection was cut",
};

/** The operating system's error code an error carries, here or in its cause. */
function systemCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code in SYSTEM_REASONS) return code;
  }
  return undefined;
}

/** Why an operation failed, in a few plain words, when the operating system said why. */
export function systemReason(error: unknown): string | undefined {
  const code = systemCode(error);
  return code ? SYSTEM_REASONS[code] : undefined;
}

/** `cannot write /x/t.xlsx: the folder does not exist.` */
export function cannotWrite(path: string, error: unknown): Refusal {
  const code = systemCode(error);
  const reason = code === "ENOENT" ? "the folder does not exist" : (systemReason(error) ?? "the system refused");
  return new Refusal(`cannot write ${path}: ${reason}.`);
}

/** `cannot read /x/c.csv: permission denied.` (a missing file is told by the caller). */
export function cannotRead(path: string, error: unknown): Refusal {
  return new Refusal(`cannot read ${path}: ${systemReason(error) ?? "the system refused"}.`);
}

/** The one sentence printed for a failure nobody planned for (with TOMS_DEBUG=1, the details too). */
export function unexpectedFailure(error: unknown, debug: boolean): string {
  const reason = systemReason(error);
  const sentence = reason
    ? `toms stopped: ${reason}.`
    : "toms stopped unexpectedly. Run the command again with TOMS_DEBUG=1 for the details, and tell the service desk if it keeps happening.";
  return debug ? `${sentence}\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}` : sentence;
}
