import type { Block, BlockType, StorefrontDoc, Theme } from "../../../workers/storefronts/blocks";

export type { Block, BlockType, StorefrontDoc, Theme };

export interface ImageRef {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

/** A product as a storefront shows it (same shape from the edge loader and from the editor's picker). */
export interface ProductCard {
  id: string;
  handle: string;
  title: string;
  brandName: string;
  currency: string;
  priceMinor: number;
  compareAtMinor: number | null;
  image: ImageRef | null;
}

/** A product the creator sells themselves, as the shop block shows it. */
export interface ShopItem {
  id: string;
  slug: string;
  kind: "digital" | "service" | "physical";
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  imageUrl: string | null;
  soldOut: boolean;
}

export interface StorefrontData {
  handle: string;
  displayName: string;
  products: Record<string, ProductCard>;
  /** products of each collection block, by block id */
  collections: Record<string, ProductCard[]>;
  /** The creator's own products on sale (loaded when the page has a shop block; the editor's preview has none). */
  shop?: ShopItem[];
  /** Width variants through the platform's image resizing (production only). */
  resizeImages: boolean;
  /** Cloudflare Turnstile's site key when public forms are protected by it (the contact form shows the widget). */
  turnstileSiteKey?: string | null;
}
