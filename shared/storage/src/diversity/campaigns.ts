// The year's campaigns (DiversityCampaigns): one row per year in the partition "campaigns", changed only under its ETag.
import type { PlainEntity, StoredEntity } from "../entity.js";
import type { TableStore } from "../store.js";
import type { CampaignStorage, WithEtag } from "./diversity-storage.js";
import { optionalText } from "./json-text.js";
import type { CampaignRecord } from "./records.js";

export const CAMPAIGNS_TABLE = "DiversityCampaigns";
const PARTITION = "campaigns";

function toEntity(record: CampaignRecord): PlainEntity {
  return {
    partitionKey: PARTITION,
    rowKey: String(record.year),
    year: record.year,
    questionnaireVersion: record.questionnaireVersion,
    openedAt: record.openedAt,
    openedBy: record.openedBy,
    closesAt: record.closesAt,
    closedAt: record.closedAt,
    closedBy: record.closedBy,
    publishedAt: record.publishedAt,
    publishedBy: record.publishedBy,
    invited: record.invited,
  };
}

function fromEntity(entity: StoredEntity): WithEtag<CampaignRecord> {
  return {
    year: Number(entity.year),
    questionnaireVersion: String(entity.questionnaireVersion),
    openedAt: String(entity.openedAt),
    openedBy: String(entity.openedBy),
    closesAt: String(entity.closesAt),
    ...optionalText(entity, "closedAt"),
    ...optionalText(entity, "closedBy"),
    ...optionalText(entity, "publishedAt"),
    ...optionalText(entity, "publishedBy"),
    invited: Number(entity.invited),
    etag: entity.etag,
  };
}

const whatOf = (year: number) => `The ${year} diversity questionnaire`;

/** Strips an ETag a caller may have left on the record, so it is not stored as a property. */
function plain(record: CampaignRecord): CampaignRecord {
  const { etag: _etag, ...rest } = record as WithEtag<CampaignRecord>;
  return rest;
}

export function campaignStorage(store: TableStore): CampaignStorage {
  return {
    async get(year) {
      const entity = await store.get(CAMPAIGNS_TABLE, PARTITION, String(year));
      return entity ? fromEntity(entity) : undefined;
    },
    async list() {
      return (await store.all(CAMPAIGNS_TABLE)).map(fromEntity).sort((a, b) => a.year - b.year);
    },
    async create(record) {
      const fresh = plain(record);
      const etag = await store.create(CAMPAIGNS_TABLE, toEntity(fresh), whatOf(record.year));
      return { ...fresh, etag };
    },
    async replace(record, etag) {
      return store.replace(CAMPAIGNS_TABLE, toEntity(plain(record)), etag, whatOf(record.year));
    },
  };
}
