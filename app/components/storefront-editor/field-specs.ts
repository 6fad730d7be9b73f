import type { BlockType } from "../storefront/types";

/** How the editor edits each block's props: data, so a new block type needs only an entry here. */
export type Field =
  | { key: string; label: string; kind: "text" | "url" | "image"; placeholder?: string; hint?: string }
  | { key: string; label: string; kind: "textarea"; rows?: number; hint?: string }
  | { key: string; label: string; kind: "select"; options: { value: string | number; label: string }[] }
  | { key: string; label: string; kind: "number" }
  | { key: string; label: string; kind: "money"; currencyKey: string }
  | { key: string; label: string; kind: "checkbox" }
  | { key: string; label: string; kind: "products" | "product" | "brand" }
  | { key: string; label: string; kind: "list"; itemLabel: string; fields: Field[]; blank: Record<string, unknown> };

const heading: Field = { key: "heading", label: "Heading", kind: "text" };
const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY"].map((c) => ({ value: c, label: c }));

export const BLOCK_LABELS: Record<BlockType, { name: string; hint: string }> = {
  hero: { name: "Hero", hint: "A big headline to open with" },
  productGrid: { name: "Product grid", hint: "Products you pick" },
  collection: { name: "Collection", hint: "A brand's products, kept current" },
  featuredProduct: { name: "Featured product", hint: "One product, up front" },
  links: { name: "Links", hint: "Buttons to anywhere" },
  text: { name: "Text", hint: "A few paragraphs" },
  video: { name: "Video", hint: "YouTube or Vimeo" },
  testimonials: { name: "Testimonials", hint: "Kind words" },
  contactForm: { name: "Contact or booking form", hint: "Messages land in your studio" },
  listingCards: { name: "Listing cards", hint: "Homes or spaces, with price and rooms" },
  serviceMenu: { name: "Service menu", hint: "What you offer, with prices" },
  communityInvite: { name: "Community invite", hint: "Bring visitors into your community" },
  shop: { name: "Shop", hint: "Your own products: downloads, sessions, goods" },
};

export const FIELDS: Record<BlockType, Field[]> = {
  hero: [
    { key: "eyebrow", label: "Small line above", kind: "text" },
    { key: "heading", label: "Headline", kind: "text" },
    { key: "subheading", label: "Intro", kind: "textarea", rows: 3 },
    { key: "imageUrl", label: "Image URL (optional)", kind: "image", placeholder: "https://…" },
    { key: "ctaLabel", label: "Button label", kind: "text" },
    { key: "ctaUrl", label: "Button link", kind: "url", placeholder: "https://… or #services" },
    { key: "align", label: "Alignment", kind: "select", options: [{ value: "left", label: "Left" }, { value: "center", label: "Centred" }] },
  ],
  productGrid: [heading, { key: "productIds", label: "Products", kind: "products" }, { key: "columns", label: "Columns on wide screens", kind: "select", options: [2, 3, 4].map((n) => ({ value: n, label: String(n) })) }],
  collection: [heading, { key: "brandId", label: "Brand", kind: "brand" }, { key: "limit", label: "How many", kind: "number" }],
  featuredProduct: [{ key: "productId", label: "Product", kind: "product" }, { key: "blurb", label: "Why you love it", kind: "textarea", rows: 3 }],
  links: [heading, { key: "items", label: "Links", kind: "list", itemLabel: "link", blank: { label: "New link", url: "https://", highlight: false }, fields: [{ key: "label", label: "Label", kind: "text" }, { key: "url", label: "Link", kind: "url" }, { key: "highlight", label: "Highlight", kind: "checkbox" }] }],
  text: [heading, { key: "html", label: "Text", kind: "textarea", rows: 6, hint: "Paragraphs, bold, italics, lists and links are kept; anything else is removed." }],
  video: [{ key: "url", label: "YouTube or Vimeo link", kind: "url", placeholder: "https://www.youtube.com/watch?v=…" }, { key: "caption", label: "Caption", kind: "text" }],
  testimonials: [heading, { key: "items", label: "Testimonials", kind: "list", itemLabel: "testimonial", blank: { quote: "They were wonderful to work with.", author: "Name", role: "" }, fields: [{ key: "quote", label: "Quote", kind: "textarea", rows: 2 }, { key: "author", label: "Name", kind: "text" }, { key: "role", label: "Role", kind: "text" }] }],
  contactForm: [heading, { key: "intro", label: "Intro", kind: "textarea", rows: 2 }, { key: "kind", label: "Form", kind: "select", options: [{ value: "contact", label: "Contact" }, { value: "booking", label: "Booking (asks for a time)" }] }, { key: "submitLabel", label: "Button label", kind: "text" }],
  listingCards: [
    heading,
    {
      key: "items",
      label: "Listings",
      kind: "list",
      itemLabel: "listing",
      blank: { title: "New listing", location: "", priceMinor: null, currency: "USD", beds: null, baths: null, areaSqm: null, imageUrl: "", url: "" },
      fields: [{ key: "title", label: "Title", kind: "text" }, { key: "location", label: "Location", kind: "text" }, { key: "currency", label: "Currency", kind: "select", options: CURRENCIES }, { key: "priceMinor", label: "Price", kind: "money", currencyKey: "currency" }, { key: "beds", label: "Bedrooms", kind: "number" }, { key: "baths", label: "Bathrooms", kind: "number" }, { key: "areaSqm", label: "Area (m²)", kind: "number" }, { key: "imageUrl", label: "Image URL", kind: "image" }, { key: "url", label: "Link", kind: "url" }],
    },
  ],
  serviceMenu: [heading, { key: "currency", label: "Currency", kind: "select", options: CURRENCIES }, { key: "items", label: "Services", kind: "list", itemLabel: "service", blank: { name: "New service", description: "", priceMinor: 0, durationMin: 60 }, fields: [{ key: "name", label: "Name", kind: "text" }, { key: "description", label: "Description", kind: "text" }, { key: "priceMinor", label: "Price", kind: "money", currencyKey: "currency" }, { key: "durationMin", label: "Minutes", kind: "number" }] }],
  communityInvite: [heading, { key: "body", label: "Text", kind: "textarea", rows: 2 }, { key: "ctaLabel", label: "Button label", kind: "text" }, { key: "url", label: "Community link", kind: "url" }],
  shop: [heading, { key: "intro", label: "Intro", kind: "textarea", rows: 2, hint: "Every product you put on sale in Studio → Shop appears here." }],
};
