/** Shapes and labels the shop pages share (studio and member). */
export interface ShopProduct {
  id: string;
  kind: "digital" | "service" | "physical";
  slug: string;
  title: string;
  description: string;
  priceMinor: number;
  currency: string;
  status: "draft" | "active" | "archived";
  inventory: number | null;
  available: number | null;
  sold: number;
  imageUrl: string | null;
  file: { name: string; bytes: number; type: string } | null;
}

export type OrderStatus = "pending" | "paid" | "fulfilled" | "partially_refunded" | "refunded" | "disputed" | "cancelled" | "expired";

export interface Order {
  id: string;
  role: "buyer" | "seller";
  status: OrderStatus;
  currency: string;
  totalMinor: number;
  refundedMinor: number;
  earningsMinor: number | null;
  seller: { creatorId: string; handle: string | null; displayName: string };
  buyerEmail: string | null;
  items: { productId: string; kind: ShopProduct["kind"] | "membership"; title: string; unitPriceMinor: number; quantity: number }[];
  needsShipping: boolean;
  shipping: { name: string; line1: string; line2: string | null; city: string; postalCode: string; state: string | null; country: string } | null;
  downloads: { productId: string; title: string; fileName: string; url: string }[];
  checkoutUrl: string | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  fulfilledAt: string | null;
  closedAt: string | null;
}

export const KIND_NAMES: Record<ShopProduct["kind"], string> = { digital: "Download", service: "Service or booking", physical: "Physical good" };

export const ORDER_STATUS: Record<OrderStatus, [string, string]> = {
  pending: ["Awaiting payment", "badge-unverified"],
  paid: ["Paid · to fulfil", "badge-unverified"],
  fulfilled: ["Fulfilled", "badge-verified"],
  partially_refunded: ["Partly refunded", "badge-neutral"],
  refunded: ["Refunded", "badge-neutral"],
  disputed: ["Disputed", "badge-failed"],
  cancelled: ["Cancelled", "badge-neutral"],
  expired: ["Expired", "badge-neutral"],
};

export const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });

export const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${Math.round(n / 102.4) / 10} KB` : `${Math.round(n / 104857.6) / 10} MB`);
