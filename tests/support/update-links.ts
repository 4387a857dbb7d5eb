// What the update-link tests share: a link's expiry moved into the past, as time would move it.
import type { IssuedUpdateLink } from "@toms/app";
import type { Storage } from "@toms/storage";

/** Moves a stored link's expiry a minute into the past (under its ETag), so that it reads as expired. */
export async function expireLink(storage: Storage, issued: IssuedUpdateLink): Promise<void> {
  const stored = await storage.updateLinks.get(issued.record.contractId, issued.record.id);
  if (!stored) throw new Error("the link is not stored");
  const { etag, ...record } = stored;
  await storage.updateLinks.replace({ ...record, expiresAt: new Date(Date.now() - 60_000).toISOString() }, etag);
}
