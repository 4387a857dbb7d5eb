import { ContractRepository, CONTRACTS_TABLE } from "./contracts.js";
import { openStorage, type OpenStorage, type StorageConfig } from "./open.js";
import { CONTACTS_TABLE, IDENTITIES_TABLE, SupplierRepository, SUPPLIERS_TABLE } from "./suppliers.js";

/** Every table the suite uses; created at start when missing. */
export const TABLES = [SUPPLIERS_TABLE, CONTACTS_TABLE, IDENTITIES_TABLE, CONTRACTS_TABLE] as const;

/** The repositories over one opened store: what the service, the seed and the CLI work with. */
export interface Storage extends OpenStorage {
  suppliers: SupplierRepository;
  contracts: ContractRepository;
}

export async function connectStorage(config: StorageConfig, now: () => Date = () => new Date()): Promise<Storage> {
  const opened = await openStorage(config, TABLES);
  return {
    ...opened,
    suppliers: new SupplierRepository(opened.store, now),
    contracts: new ContractRepository(opened.store, now),
  };
}
