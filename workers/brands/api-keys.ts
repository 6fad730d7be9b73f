import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../db/d1/schema";
import type { Deps } from "../lib/context";
import { randomToken, sha256Hex } from "../lib/crypto";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { BrandTenant } from "../lib/tenancy";

export const API_KEY_PREFIX = "tdm_";

const publicKey = (k: typeof apiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  createdAt: new Date(k.createdAt).toISOString(),
  lastUsedAt: k.lastUsedAt ? new Date(k.lastUsedAt).toISOString() : null,
  revokedAt: k.revokedAt ? new Date(k.revokedAt).toISOString() : null,
});

/** Mints a key for the tenant's brand. The secret is returned once and stored only as a hash. */
export async function createApiKey(deps: Deps, tenant: BrandTenant, createdByUserId: string, name: string) {
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const row = {
    id: newId("apiKey"),
    brandId: tenant.brandId,
    name,
    prefix: secret.slice(0, 10),
    keyHash: await sha256Hex(secret),
    createdByUserId,
    createdAt: deps.now(),
  };
  await deps.db.insert(apiKeys).values(row);
  return { ...publicKey({ ...row, lastUsedAt: null, revokedAt: null }), secret };
}

export async function listApiKeys(deps: Deps, tenant: BrandTenant) {
  const rows = await deps.db.select().from(apiKeys).where(eq(apiKeys.brandId, tenant.brandId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(publicKey);
}

export async function revokeApiKey(deps: Deps, tenant: BrandTenant, keyId: string) {
  const updated = await deps.db
    .update(apiKeys)
    .set({ revokedAt: deps.now() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.brandId, tenant.brandId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (updated.length === 0) throw new AppError("not_found", "No active API key with that id for this brand.");
}

/** Resolves a bearer secret to its brand, or null when unknown or revoked. */
export async function resolveApiKey(deps: Deps, secret: string) {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const row = await deps.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, await sha256Hex(secret)), isNull(apiKeys.revokedAt)))
    .get();
  if (!row) return null;
  const now = deps.now();
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) {
    await deps.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  return row;
}
