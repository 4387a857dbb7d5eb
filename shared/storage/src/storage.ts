import { AwardRepository } from "./awards.js";
import { BOT_CONVERSATIONS_TABLE, BotConversationRepository } from "./bot-conversations.js";
import { DISPATCHES_TABLE, DispatchRepository } from "./dispatches.js";
import { DELIVERY_INDEX_TABLE, DeliveryRepository, KPI_TEMPLATES_TABLE, KpiTemplateRepository, SERVICE_AREAS_TABLE, ServiceAreaRepository } from "./delivery.js";
import { CatalogueRepository, CATALOGUES_TABLE, CATALOGUE_VERSIONS_TABLE } from "./catalogues.js";
import { ContractRepository, CONTRACTS_TABLE } from "./contracts.js";
import { CONTRACT_SOCIAL_VALUE_TABLE, EvaluationRepository, EVALUATIONS_TABLE, EVALUATION_INDEX_TABLE } from "./evaluations.js";
import { openStorage, type OpenStorage, type StorageConfig } from "./open.js";
import { ReminderRepository, REMINDER_INDEX_TABLE, REMINDERS_TABLE } from "./reminders.js";
import { CONTACTS_TABLE, IDENTITIES_TABLE, SupplierRepository, SUPPLIERS_TABLE } from "./suppliers.js";
import { UPDATE_LINKS_TABLE, UpdateLinkRepository } from "./update-links.js";

/** Every table the suite uses; created at start when missing. */
export const TABLES = [
  SUPPLIERS_TABLE,
  CONTACTS_TABLE,
  IDENTITIES_TABLE,
  CONTRACTS_TABLE,
  CATALOGUES_TABLE,
  CATALOGUE_VERSIONS_TABLE,
  EVALUATIONS_TABLE,
  EVALUATION_INDEX_TABLE,
  CONTRACT_SOCIAL_VALUE_TABLE,
  DELIVERY_INDEX_TABLE,
  KPI_TEMPLATES_TABLE,
  SERVICE_AREAS_TABLE,
  REMINDERS_TABLE,
  REMINDER_INDEX_TABLE,
  BOT_CONVERSATIONS_TABLE,
  DISPATCHES_TABLE,
  UPDATE_LINKS_TABLE,
] as const;

/** The repositories over one opened store: what the service, the seed and the CLI work with. */
export interface Storage extends OpenStorage {
  suppliers: SupplierRepository;
  contracts: ContractRepository;
  catalogues: CatalogueRepository;
  evaluations: EvaluationRepository;
  awards: AwardRepository;
  delivery: DeliveryRepository;
  kpiTemplates: KpiTemplateRepository;
  serviceAreas: ServiceAreaRepository;
  reminders: ReminderRepository;
  /** The bot's chats, by tenant and person. */
  conversations: BotConversationRepository;
  /** The bot's sends of prompts, claimed once each. */
  dispatches: DispatchRepository;
  /** Signed update links for supplier contacts outside Teams, by contract and by token hash. */
  updateLinks: UpdateLinkRepository;
}

export async function connectStorage(config: StorageConfig, now: () => Date = () => new Date()): Promise<Storage> {
  const opened = await openStorage(config, TABLES);
  return {
    ...opened,
    suppliers: new SupplierRepository(opened.store, now),
    contracts: new ContractRepository(opened.store, now),
    catalogues: new CatalogueRepository(opened.store, now),
    evaluations: new EvaluationRepository(opened.store, now),
    awards: new AwardRepository(opened.store, now),
    delivery: new DeliveryRepository(opened.store, now),
    kpiTemplates: new KpiTemplateRepository(opened.store, now),
    serviceAreas: new ServiceAreaRepository(opened.store),
    reminders: new ReminderRepository(opened.store),
    conversations: new BotConversationRepository(opened.store),
    dispatches: new DispatchRepository(opened.store),
    updateLinks: new UpdateLinkRepository(opened.store),
  };
}
