// The service's log: JSON lines for machines, or lines a person reads when they watch a terminal.
import { pino, type Logger } from "pino";
import { build as prettyStream, type MessageFormatFunc } from "pino-pretty";

export interface LoggerOptions {
  /** Lines for a person (a terminal) instead of JSON. */
  forPeople?: boolean;
  /** Where the lines go; standard output by default. */
  destination?: NodeJS.WritableStream;
}

/** A request log line reads "GET /api/contracts 200 (12 ms)"; any other line is its message. */
const readableMessage: MessageFormatFunc = (log, messageKey) => {
  const req = log.req as { method?: string; url?: string } | undefined;
  const res = log.res as { status?: number } | undefined;
  if (req && res) return `${req.method} ${req.url} ${res.status} (${String(log.responseTime)} ms)`;
  return String(log[messageKey] ?? "");
};

/** The service's logger. Authorization and cookies are never written. */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = { level, base: { service: "toms" }, redact: ["req.headers.authorization", "req.headers.cookie"] };
  if (!options.forPeople) return options.destination ? pino(settings, options.destination) : pino(settings);
  // In process and synchronous, so a line is on screen before the next thing the service prints.
  const stream = prettyStream({
    sync: true,
    destination: options.destination ?? 1,
    colorize: options.destination ? false : process.stdout.isTTY === true,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname,service,req,res,responseTime",
    singleLine: true,
    messageFormat: readableMessage,
  });
  return pino(settings, stream);
}
