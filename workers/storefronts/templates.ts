import { defaultBlock, type Block, type StorefrontDoc, type Theme } from "./blocks";

/**
 * Templates per vertical are data: a theme and a list of blocks. Adding one is adding an entry
 * here (and, for a new kind of block, a schema and a component), never creator-side code.
 */
export const TEMPLATE_IDS = ["fashion", "services", "realEstate", "linkInBio"] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateContext {
  displayName: string;
  handle: string;
  bio: string;
  /** Products the creator may show (from brands whose campaigns they joined), best first. */
  productIds: string[];
}

export interface Template {
  id: TemplateId;
  name: string;
  description: string;
  theme: Theme;
  build(ctx: TemplateContext): Block[];
}

const b = defaultBlock;

export const TEMPLATES: Record<TemplateId, Template> = {
  fashion: {
    id: "fashion",
    name: "Fashion",
    description: "Editorial hero, a grid of your picks and a featured piece.",
    theme: { background: "#faf7f2", surface: "#ffffff", text: "#1d1a16", muted: "#6b635a", accent: "#8a5a3c", accentText: "#ffffff", font: "editorial", radius: "soft" },
    build: (c) => [
      b("hero", { eyebrow: `@${c.handle}`, heading: `${c.displayName}'s edit`, subheading: c.bio || "Pieces I wear on repeat, chosen with care.", align: "left" }),
      b("productGrid", { heading: "Shop my picks", productIds: c.productIds.slice(0, 6), columns: 2 }),
      ...(c.productIds[0] ? [b("featuredProduct", { productId: c.productIds[0], blurb: "The one everyone asks me about." })] : []),
      b("links", { heading: "Find me elsewhere", items: [{ label: "Latest try-on haul", url: "https://youtube.com", highlight: true }] }),
      b("communityInvite", { heading: "Join the style club", body: "Early drops, styling sessions and members-only codes." }),
    ],
  },
  services: {
    id: "services",
    name: "Services",
    description: "Your services with prices, kind words from clients, and a booking form.",
    theme: { background: "#f5f8f7", surface: "#ffffff", text: "#12201d", muted: "#55645f", accent: "#1f7a68", accentText: "#ffffff", font: "modern", radius: "round" },
    build: (c) => [
      b("hero", { eyebrow: "Book a session", heading: c.displayName, subheading: c.bio || "Coaching that fits around your life.", align: "center", ctaLabel: "See services", ctaUrl: "#services" }),
      b("serviceMenu", { heading: "Services", items: [{ name: "Intro call", description: "Twenty minutes to see if we are a fit.", priceMinor: 0, durationMin: 20 }, { name: "1:1 session", description: "Focused work on your goals.", priceMinor: 7500, durationMin: 60 }, { name: "Four-week programme", description: "Weekly sessions and a plan.", priceMinor: 26000, durationMin: null }] }),
      b("testimonials", { heading: "Kind words", items: [{ quote: "Clear, warm and practical.", author: "Sam", role: "Client" }, { quote: "I finally kept the habit.", author: "Priya", role: "Client" }] }),
      b("contactForm", { heading: "Book a session", kind: "booking", submitLabel: "Request a time" }),
    ],
  },
  realEstate: {
    id: "realEstate",
    name: "Real estate",
    description: "Listing cards with price, rooms and area, and a contact form.",
    theme: { background: "#f6f7f9", surface: "#ffffff", text: "#111827", muted: "#5b6474", accent: "#1d4ed8", accentText: "#ffffff", font: "modern", radius: "soft" },
    build: (c) => [
      b("hero", { eyebrow: "Homes I represent", heading: c.displayName, subheading: c.bio || "Honest advice on buying and selling.", align: "left" }),
      b("listingCards", { heading: "Current listings", items: [{ title: "Bright two-bed with balcony", location: "Riverside", priceMinor: 42500000, currency: "USD", beds: 2, baths: 1, areaSqm: 78 }] }),
      b("contactForm", { heading: "Arrange a viewing", kind: "booking", submitLabel: "Request a viewing" }),
    ],
  },
  linkInBio: {
    id: "linkInBio",
    name: "Link in bio",
    description: "A clean list of links with your latest picks.",
    theme: { background: "#111318", surface: "#1c1f27", text: "#f5f5f7", muted: "#a3a8b5", accent: "#f2c14e", accentText: "#111318", font: "friendly", radius: "round" },
    build: (c) => [
      b("hero", { heading: c.displayName, subheading: c.bio, eyebrow: `@${c.handle}`, align: "center" }),
      b("links", { items: [{ label: "My newest video", url: "https://youtube.com", highlight: true }, { label: "Newsletter", url: "https://example.com/newsletter" }] }),
      ...(c.productIds.length ? [b("productGrid", { heading: "Things I use", productIds: c.productIds.slice(0, 4), columns: 2 })] : []),
    ],
  },
};

export function docFromTemplate(id: TemplateId, ctx: TemplateContext): StorefrontDoc {
  const t = TEMPLATES[id];
  return { title: `${ctx.displayName} (@${ctx.handle})`, description: ctx.bio.slice(0, 200), theme: t.theme, blocks: t.build(ctx) };
}
