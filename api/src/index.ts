// @toms/api: the one service. `main.ts` is the process entry; this is what tests and tools import.
export { createApp, type AppDependencies } from "./app.js";
export { loadConfig, isLoopback, ConfigError, type Config, type MailConfig } from "./config.js";
export { openMail, MAIL_OFF_WARNING, type MailOptions, type OpenMail } from "./mail.js";
export { createLogger } from "./logger.js";
export { startService, storageConfig, type RunningService } from "./service.js";
export { seedDemo, demoId, DEMO_MANAGERS } from "./seed/demo.js";
export { issueDevelopmentToken, DEV_ISSUER, DEV_AUDIENCE } from "./auth/dev-issuer.js";
export { routeInventory, type RouteEntry } from "./route-inventory.js";
export { BACKUP_TABLES } from "./backup.js";
