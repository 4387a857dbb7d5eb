import { pino, type Logger } from "pino";

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "toms" }, redact: ["req.headers.authorization", "req.headers.cookie"] });
}
