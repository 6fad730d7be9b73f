import { z } from "zod";

/**
 * A storefront is a document of typed blocks. This schema is the contract between the editor,
 * the gateway (validates every save) and the edge renderer; a new block is a schema here plus a
 * component in app/components/storefront/blocks, with no creator-side code.
 */
const Text = (max: number) => z.string().trim().max(max);
const Url = z
  .string()
  .trim()
  .max(2000)
  // In-page anchors (`#services`) jump to a block that renders with that id.
  .refine((u) => /^https:\/\//i.test(u) || /^\/(?!\/)/.test(u) || /^mailto:/i.test(u) || /^#[A-Za-z][\w-]{0,63}$/.test(u), { error: "Use an https:// link, a mailto: address, a path on this site or a #section on this page" });
const ImageUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => /^https:\/\//i.test(u) || /^\/media\//.test(u), { error: "Use an uploaded image or an https:// image URL" });
const Minor = z.number().int().min(0).max(10_000_000_00);
const Currency = z.string().regex(/^[A-Z]{3}$/);
const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "A colour like #1f2937" });

export const BlockId = z.string().regex(/^[a-z0-9]{6,24}$/);

export const BLOCK_TYPES = ["hero", "productGrid", "collection", "featuredProduct", "links", "text", "video", "testimonials", "contactForm", "listingCards", "serviceMenu", "communityInvite", "shop"] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export const BlockSchemas = {
  hero: z.object({
    eyebrow: Text(60).default(""),
    heading: Text(120).min(1, { error: "A heading is required" }),
    subheading: Text(300).default(""),
    imageUrl: ImageUrl.or(z.literal("")).default(""),
    ctaLabel: Text(40).default(""),
    ctaUrl: Url.or(z.literal("")).default(""),
    align: z.enum(["left", "center"]).default("left"),
  }),
  productGrid: z.object({ heading: Text(80).default(""), productIds: z.array(z.string().max(64)).max(24).default([]), columns: z.union([z.literal(2), z.literal(3), z.literal(4)]).default(2) }),
  collection: z.object({ heading: Text(80).default(""), brandId: z.string().max(64), categoryId: z.string().max(64).nullable().default(null), limit: z.number().int().min(1).max(24).default(8) }),
  featuredProduct: z.object({ productId: z.string().max(64), blurb: Text(400).default("") }),
  links: z.object({ heading: Text(80).default(""), items: z.array(z.object({ label: Text(60).min(1), url: Url, highlight: z.boolean().default(false) })).max(30).default([]) }),
  text: z.object({ heading: Text(120).default(""), html: z.string().max(20_000).default("") }),
  video: z.object({
    url: z
      .string()
      .trim()
      .max(2000)
      .refine((u) => u === "" || videoEmbed(u) !== null, { error: "A YouTube or Vimeo link" })
      .default(""),
    caption: Text(200).default(""),
  }),
  testimonials: z.object({ heading: Text(80).default(""), items: z.array(z.object({ quote: Text(400).min(1), author: Text(60).min(1), role: Text(60).default("") })).max(12).default([]) }),
  contactForm: z.object({ heading: Text(80).default("Get in touch"), intro: Text(300).default(""), kind: z.enum(["contact", "booking"]).default("contact"), submitLabel: Text(30).default("Send") }),
  listingCards: z.object({
    heading: Text(80).default(""),
    items: z
      .array(
        z.object({
          title: Text(100).min(1),
          location: Text(100).default(""),
          priceMinor: Minor.nullable().default(null),
          currency: Currency.default("USD"),
          beds: z.number().int().min(0).max(99).nullable().default(null),
          baths: z.number().int().min(0).max(99).nullable().default(null),
          areaSqm: z.number().int().min(0).max(100_000).nullable().default(null),
          imageUrl: ImageUrl.or(z.literal("")).default(""),
          url: Url.or(z.literal("")).default(""),
        }),
      )
      .max(24)
      .default([]),
  }),
  serviceMenu: z.object({
    heading: Text(80).default(""),
    currency: Currency.default("USD"),
    items: z.array(z.object({ name: Text(80).min(1), description: Text(200).default(""), priceMinor: Minor, durationMin: z.number().int().min(0).max(1440).nullable().default(null) })).max(40).default([]),
  }),
  communityInvite: z.object({ heading: Text(80).min(1), body: Text(300).default(""), ctaLabel: Text(40).default("Join the community"), url: Url.or(z.literal("")).default("") }),
  /** The creator's own products on sale (downloads, services, goods), bought here through checkout. */
  shop: z.object({ heading: Text(80).default("Shop"), intro: Text(300).default("") }),
} satisfies Record<BlockType, z.ZodType>;

export type BlockProps<T extends BlockType> = z.infer<(typeof BlockSchemas)[T]>;

export const Block = z.discriminatedUnion(
  "type",
  BLOCK_TYPES.map((type) => z.object({ id: BlockId, type: z.literal(type), props: BlockSchemas[type] })) as never as [z.ZodObject<{ id: typeof BlockId; type: z.ZodLiteral<BlockType>; props: z.ZodType }>],
);
export type Block = { [T in BlockType]: { id: string; type: T; props: BlockProps<T> } }[BlockType];

export const FONT_PAIRS = ["modern", "editorial", "friendly", "mono"] as const;
export const RADII = ["none", "soft", "round"] as const;

export const Theme = z.object({
  background: Hex,
  surface: Hex,
  text: Hex,
  muted: Hex,
  accent: Hex,
  accentText: Hex,
  font: z.enum(FONT_PAIRS),
  radius: z.enum(RADII),
});
export type Theme = z.infer<typeof Theme>;

export const StorefrontDoc = z.object({
  title: Text(70).min(1, { error: "A page title is required" }),
  description: Text(200).default(""),
  theme: Theme,
  blocks: z.array(Block).max(40, { error: "Up to 40 blocks" }),
});
export type StorefrontDoc = { title: string; description: string; theme: Theme; blocks: Block[] };

/** YouTube / Vimeo page URL → privacy-friendly embed URL, or null. */
export function videoEmbed(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== "https:") return null;
    const host = u.hostname.replace(/^www\./, "");
    if (host === "youtube.com" || host === "m.youtube.com") {
      const id = u.pathname.startsWith("/shorts/") ? u.pathname.split("/")[2] : u.searchParams.get("v");
      return id && /^[\w-]{6,20}$/.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
    }
    if (host === "youtu.be") {
      const id = u.pathname.slice(1);
      return /^[\w-]{6,20}$/.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
    }
    if (host === "vimeo.com") {
      const id = u.pathname.split("/")[1];
      return id && /^\d{4,12}$/.test(id) ? `https://player.vimeo.com/video/${id}` : null;
    }
    return null;
  } catch {
    return null;
  }
}

/** The product ids a document shows (grids and featured products), for link minting and the renderer. */
export function referencedProducts(doc: StorefrontDoc): string[] {
  const ids = new Set<string>();
  for (const b of doc.blocks) {
    if (b.type === "productGrid") b.props.productIds.forEach((id) => ids.add(id));
    if (b.type === "featuredProduct") ids.add(b.props.productId);
  }
  return [...ids];
}

export const newBlockId = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => "abcdefghijklmnopqrstuvwxyz0123456789"[b % 36]).join("");

/** A block of `type` with its defaults, for the editor's "add block". */
export function defaultBlock(type: BlockType, seed: Record<string, unknown> = {}): Block {
  const base: Record<BlockType, Record<string, unknown>> = {
    hero: { heading: "Hello, I'm new here" },
    productGrid: { heading: "Shop my picks" },
    collection: { brandId: "", heading: "From the collection" },
    featuredProduct: { productId: "" },
    links: { heading: "Links", items: [{ label: "My latest video", url: "https://youtube.com" }] },
    text: { heading: "About me", html: "<p>Tell visitors who you are and what you love.</p>" },
    video: {},
    testimonials: { heading: "Kind words", items: [{ quote: "Lovely to work with.", author: "A happy client" }] },
    contactForm: {},
    listingCards: { heading: "Listings" },
    serviceMenu: { heading: "Services", items: [{ name: "Consultation", priceMinor: 5000, durationMin: 30 }] },
    communityInvite: { heading: "Join my community" },
    shop: { heading: "Shop", intro: "Things I make and sell myself." },
  };
  const props = BlockSchemas[type].parse({ ...base[type], ...seed });
  return { id: newBlockId(), type, props } as Block;
}
