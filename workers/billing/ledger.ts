import { and, eq } from "drizzle-orm";
import type { PgTx } from "../db/pg/client";
import { ledgerAccounts, ledgerEntries, ledgerLines } from "../db/pg/schema";
import { newId } from "../lib/ids";

export type AccountKind = (typeof ledgerAccounts.kind.enumValues)[number];
type EntryKind = (typeof ledgerEntries.kind.enumValues)[number];

/** The account of one kind, owner and currency, created on first use. */
export async function accountId(tx: PgTx, kind: AccountKind, ownerId: string, currency: string, brandId: string | null = null) {
  await tx.insert(ledgerAccounts).values({ id: newId("account"), kind, ownerId, currency, brandId }).onConflictDoNothing();
  const [row] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.kind, kind), eq(ledgerAccounts.ownerId, ownerId), eq(ledgerAccounts.currency, currency)));
  return row!.id;
}

export interface EntryLine {
  kind: AccountKind;
  ownerId: string;
  brandId?: string | null;
  amountMinor: number;
}

/**
 * Posts one money-plane entry (ADR 017) inside the caller's transaction, exactly once per `key`:
 * a second post with the same key writes nothing and returns `posted: false`. The lines must sum
 * to zero and be whole minor units, or nothing is written.
 */
export async function postEntry(tx: PgTx, entry: { key: string; kind: EntryKind; reference: string; currency: string; at: Date; lines: EntryLine[] }) {
  if (entry.lines.some((l) => !Number.isSafeInteger(l.amountMinor))) throw new Error(`ledger entry ${entry.key}: amounts must be whole minor units`);
  if (entry.lines.reduce((sum, l) => sum + l.amountMinor, 0) !== 0) throw new Error(`ledger entry ${entry.key} does not balance`);
  const costMinor = entry.lines.filter((l) => l.amountMinor > 0).reduce((sum, l) => sum + l.amountMinor, 0);
  const inserted = await tx
    .insert(ledgerEntries)
    .values({ id: newId("entry"), key: entry.key, kind: entry.kind, reference: entry.reference, costMinor, currency: entry.currency, at: entry.at })
    .onConflictDoNothing({ target: ledgerEntries.key })
    .returning({ id: ledgerEntries.id });
  if (!inserted.length) return { posted: false as const };
  const entryId = inserted[0]!.id;
  const lines = await Promise.all(entry.lines.map(async (l) => ({ id: newId("line"), entryId, accountId: await accountId(tx, l.kind, l.ownerId, entry.currency, l.brandId ?? null), amountMinor: l.amountMinor })));
  await tx.insert(ledgerLines).values(lines);
  return { posted: true as const, entryId };
}
