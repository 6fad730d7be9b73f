import { createCreatorProduct, type Fetcher } from "../test/factories";
import { minimalPdf } from "./lib/minimal-pdf";

type Product = { id: string; title: string };
type Doc = { title: string; description: string; blocks: { id: string; type: string; props: Record<string, unknown> }[] };

const GUIDE = {
  kind: "digital",
  title: "The 5-minute morning routine (PDF guide)",
  description: "My whole morning routine on one printable page: what goes on in which order, how much, and what to skip on busy days.\n\nInstant download after you pay.",
  priceMinor: 900,
  currency: "GBP",
  status: "active",
};
const OTHERS = [
  { kind: "service", title: "1:1 skincare consult (30 minutes)", description: "A video call about your skin, your shelf and what to change first. I get in touch after you book to find a time.", priceMinor: 4_500, currency: "GBP", inventory: 8, status: "active" },
  { kind: "physical", title: "Signed routine card", description: "A postcard-size card of my routine, signed, posted to you in the UK or abroad.", priceMinor: 1_200, currency: "GBP", inventory: 25, status: "active" },
];

/**
 * The demo creator's own shop (idempotent): a download, a bookable consult and a signed card,
 * and a Shop block on the published storefront. Returns the download's id (`creatorProductId`).
 */
export async function seedShop(f: Fetcher, creatorCookie: string) {
  const headers = { cookie: creatorCookie };
  const mine = ((await (await f("/api/v1/shop/products", { headers })).json()) as { items: Product[] }).items;
  const guide =
    mine.find((p) => p.title === GUIDE.title) ??
    (await createCreatorProduct(f, creatorCookie, GUIDE, { name: "morning-routine.pdf", type: "application/pdf", bytes: minimalPdf("My 5-minute morning routine", ["1. Cleanse: Cloud Cleanser, one pump.", "2. Glow Serum: two drops, pressed in.", "3. Barrier Cream: a pea-size amount.", "4. Sunscreen, always.", "Busy day? Steps 2 and 4 only."]) }));
  for (const spec of OTHERS) if (!mine.some((p) => p.title === spec.title)) await createCreatorProduct(f, creatorCookie, spec);

  const json = (body: unknown, method = "POST") => ({ method, headers: { "content-type": "application/json", cookie: creatorCookie }, body: JSON.stringify(body) });
  const { storefront } = (await (await f("/api/v1/storefronts/mine", { headers })).json()) as { storefront: { draftRevision: number; draft: Doc } | null };
  if (storefront && !storefront.draft.blocks.some((b) => b.type === "shop")) {
    const doc = structuredClone(storefront.draft);
    const after = doc.blocks.findIndex((b) => b.type === "featuredProduct");
    doc.blocks.splice(after >= 0 ? after + 1 : doc.blocks.length, 0, { id: "shopmia01", type: "shop", props: { heading: "From me, not a brand", intro: "Guides I wrote, time with me, and a little something in the post." } });
    const saved = await f("/api/v1/storefronts/mine/draft", json({ doc, revision: storefront.draftRevision }, "PUT"));
    if (!saved.ok) throw new Error(`seed shop block: ${saved.status} ${await saved.text()}`);
    const published = await f("/api/v1/storefronts/mine/publish", json({ note: "Add my shop" }));
    if (!published.ok) throw new Error(`seed shop publish: ${published.status} ${await published.text()}`);
  }
  return { creatorProductId: guide.id };
}
