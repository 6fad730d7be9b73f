import { typeOf, type JsonSchema, type Operation } from "./openapi-ops";
import type { World } from "./world";

/**
 * Who owns what each route touches, and which real ids to put in its path: the one table both
 * generated matrices read. A route that matches no rule fails the matrices, so a new route has to
 * say here whose data it serves before it can ship.
 */
export type Actor = "ownerA" | "keyA" | "teammateA" | "ownerB" | "keyB" | "creator" | "member" | "anonymous";
export const ACTORS: Actor[] = ["ownerA", "keyA", "teammateA", "ownerB", "keyB", "creator", "member", "anonymous"];

export type Owner =
  /** Anyone may call it (sign-in, public pages, pixels): only "never 5xx" applies. */
  | "public"
  /** Scoped to the caller (me, my earnings, create my brand): nobody else's data can be named. */
  | "self"
  /** Brand A's resources: its owner, keys and teammates; never brand B, the creator's community member or anonymous. */
  | "brandA"
  /** The creator's resources (profile, community administration). */
  | "creator"
  /** The creator's community content: the owner and members. */
  | "community"
  /** A collaboration between brand A and the creator. */
  | "collaboration"
  /** An order: the member bought it from the creator's shop; its buyer and seller only. */
  | "order";

interface Rule {
  match: RegExp;
  methods?: string[];
  owner: Owner;
}

const RULES: Rule[] = [
  { match: /^\/api\/v1\/auth\//, owner: "public" },
  // The test-mode checkout is reached by its unguessable session id, as Stripe's pages are; the
  // webhook by its signature.
  { match: /^\/api\/v1\/checkout\/test\//, owner: "public" },
  { match: /^\/api\/v1\/webhooks\/stripe$/, owner: "public" },
  { match: /^\/api\/v1\/me$/, owner: "self" },
  { match: /^\/api\/v1\/(earnings|invites|notifications)$/, owner: "self" },
  { match: /^\/api\/v1\/earnings\/statements\//, owner: "self" },
  { match: /^\/api\/v1\/payouts/, owner: "self" },
  { match: /^\/api\/v1\/subscriptions/, owner: "self" },
  { match: /^\/api\/v1\/brands$/, owner: "self" },
  { match: /^\/api\/v1\/brands\/\{brandId\}/, owner: "brandA" },
  { match: /^\/api\/v1\/creators$/, owner: "self" },
  { match: /^\/api\/v1\/creators\/handles\//, owner: "public" },
  { match: /^\/api\/v1\/creators\/social\//, owner: "self" },
  { match: /^\/api\/v1\/creators\/\{creatorId\}/, owner: "creator" },
  { match: /^\/api\/v1\/campaigns$/, methods: ["POST"], owner: "self" },
  { match: /^\/api\/v1\/campaigns$/, methods: ["GET"], owner: "brandA" },
  { match: /^\/api\/v1\/campaigns\/forecast$/, owner: "self" },
  { match: /^\/api\/v1\/campaigns\/\{campaignId\}\/accept$/, owner: "self" },
  { match: /^\/api\/v1\/campaigns\/\{campaignId\}/, owner: "brandA" },
  { match: /^\/api\/v1\/collaborations\//, owner: "collaboration" },
  { match: /^\/api\/v1\/marketplace\//, owner: "self" },
  { match: /^\/api\/v1\/links$/, methods: ["POST"], owner: "self" },
  { match: /^\/api\/v1\/links$/, methods: ["GET"], owner: "self" },
  { match: /^\/api\/v1\/links\/\{code\}/, owner: "collaboration" },
  { match: /^\/api\/v1\/conversions$/, owner: "brandA" },
  { match: /^\/api\/v1\/px$/, owner: "public" },
  { match: /^\/api\/v1\/catalog\/imports\/template\.csv$/, owner: "public" },
  { match: /^\/api\/v1\/catalog\//, owner: "brandA" },
  { match: /^\/api\/v1\/storefronts\/templates$/, owner: "public" },
  { match: /^\/api\/v1\/storefronts\/mine/, owner: "self" },
  { match: /^\/api\/v1\/storefronts\/\{handle\}/, owner: "public" },
  { match: /^\/api\/v1\/communities$/, owner: "self" },
  { match: /^\/api\/v1\/communities\/by-creator\//, owner: "public" },
  { match: /^\/api\/v1\/communities\/\{slug\}$/, owner: "public" },
  { match: /^\/api\/v1\/communities\/\{slug\}\/join$/, owner: "self" },
  // The course list is the community home's teaser (titles and progress), public by design.
  { match: /^\/api\/v1\/communities\/\{slug\}\/courses$/, methods: ["GET"], owner: "public" },
  { match: /^\/api\/v1\/communities\/\{slug\}\/search$/, methods: ["GET"], owner: "community" },
  { match: /^\/api\/v1\/communities\/\{slug\}\//, owner: "creator" },
  { match: /^\/api\/v1\/rooms\/\{roomId\}\/(posts|polls)$/, methods: ["GET"], owner: "community" },
  { match: /^\/api\/v1\/rooms\/\{roomId\}\//, owner: "creator" },
  { match: /^\/api\/v1\/courses\/\{courseId\}$/, methods: ["GET"], owner: "community" },
  { match: /^\/api\/v1\/courses\/\{courseId\}\/(lessons|assessments)\//, owner: "community" },
  { match: /^\/api\/v1\/courses\/\{courseId\}$/, owner: "creator" },
  { match: /^\/api\/v1\/drops\/\{dropId\}/, owner: "community" },
  { match: /^\/api\/v1\/shop\/products$/, owner: "self" },
  { match: /^\/api\/v1\/shop\/products\/\{productId\}/, owner: "creator" },
  { match: /^\/api\/v1\/checkout$/, owner: "self" },
  { match: /^\/api\/v1\/orders$/, owner: "self" },
  { match: /^\/api\/v1\/orders\/\{orderId\}/, owner: "order" },
  // A download link carries its own signature and expiry, as the test checkout carries its id.
  { match: /^\/api\/v1\/downloads\/\{token\}$/, owner: "public" },
];

export function ownerOf(op: Operation): Owner | undefined {
  return RULES.find((r) => r.match.test(op.path) && (!r.methods || r.methods.includes(op.method)))?.owner;
}

/** Who may do what the route does with the owner's ids, and who must be refused. */
export function refusedActors(owner: Owner): Actor[] {
  switch (owner) {
    case "brandA":
      // A teammate of role member reads, and may be refused some writes by role: not a tenancy question.
      return ["ownerB", "keyB", "member", "anonymous"];
    case "creator":
      return ["ownerA", "keyA", "teammateA", "ownerB", "keyB", "member", "anonymous"];
    case "community":
      return ["ownerB", "keyA", "keyB", "anonymous"];
    case "collaboration":
      return ["ownerB", "keyB", "member", "anonymous"];
    case "order":
      return ["ownerA", "keyA", "teammateA", "ownerB", "keyB", "anonymous"];
    default:
      return [];
  }
}

/** Who reads the owner's data with a 2xx (GET routes only). */
export function readers(owner: Owner): Actor[] {
  switch (owner) {
    case "brandA":
      return ["ownerA", "keyA", "teammateA"];
    // (API keys are listed to owners and admins only: readers() is asked per route below.)
    case "creator":
      return ["creator"];
    case "community":
      return ["creator", "member"];
    case "collaboration":
      return ["ownerA", "creator"];
    case "order":
      return ["member", "creator"];
    default:
      return [];
  }
}

export function headersFor(world: World, actor: Actor): Record<string, string> {
  switch (actor) {
    case "ownerA":
      return { cookie: world.a.owner.cookie };
    case "teammateA":
      return { cookie: world.a.teammate.cookie };
    case "keyA":
      return { authorization: `Bearer ${world.a.key.secret}` };
    case "ownerB":
      return { cookie: world.b.owner.cookie };
    case "keyB":
      return { authorization: `Bearer ${world.b.key.secret}` };
    case "creator":
      return { cookie: world.creator.cookie };
    case "member":
      return { cookie: world.member.cookie };
    case "anonymous":
      return {};
  }
}

const FAKE = (prefix: string) => `${prefix}_01jzzzzzzzzzzzzzzzzzzzzzzz`;

/**
 * Real ids for a route's path: brand A's (side "a") or brand B's (side "b") where the resource is a
 * brand's; the creator's community and profile otherwise. Ids the world has no resource for are
 * made-up ones (`real: false`), so nobody may read them.
 */
export function fillPath(op: Operation, world: World, side: "a" | "b" = "a"): { url: string; real: boolean } {
  const brand = side === "a" ? world.a : world.b;
  let real = true;
  const value = (param: string): string => {
    switch (param) {
      case "brandId":
        return brand.id;
      case "keyId":
        return brand.key.id;
      case "memberId":
        return brand.teammate.memberId;
      case "domainId":
        return brand.domainId;
      case "campaignId":
        return brand.campaignId;
      case "id":
        if (op.path.includes("/categories/")) return brand.categoryId;
        if (op.path.includes("/products/")) return brand.productId;
        if (op.path.includes("/imports/")) return brand.importId;
        break;
      case "creatorId":
        return world.creator.id;
      case "handle":
        return world.creator.handle;
      case "platform":
        return "youtube";
      case "provider":
        return "google";
      case "collaborationId":
        return world.creator.collaborationId;
      case "code":
        return world.creator.linkCode;
      case "slug":
        return op.path.startsWith("/api/v1/communities") ? world.community.slug : "no-such-product";
      case "userId":
        return world.member.userId;
      case "roomId":
        return world.community.roomId;
      case "courseId":
        return world.community.courseId;
      case "lessonId":
        return world.community.lessonId;
      case "assessmentId":
        return world.community.assessmentId;
      case "dropId":
        return world.community.dropId;
      case "productId":
        if (op.path.startsWith("/api/v1/shop/")) return world.creator.productId;
        break;
      case "orderId":
        return world.orderId;
      case "sessionId":
        return world.checkoutSessionId;
    }
    real = false;
    return FAKE(param.replace(/Id$/, "").slice(0, 4));
  };
  const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(value(p)));
  // Catalog routes name the brand in the query for sessions (an API key implies it); other
  // required query parameters get a valid value so the route gets past validation.
  const query = new URLSearchParams();
  for (const q of op.query) {
    if (q.name === "brandId") query.set("brandId", brand.id);
    else if (q.required) query.set(q.name, sampleValue(q.schema));
  }
  return { url: query.size ? `${path}?${query}` : path, real };
}

/** A value the schema accepts, for required query parameters. */
function sampleValue(schema: JsonSchema): string {
  if (schema.enum?.length) return String(schema.enum[0]);
  const t = typeOf(schema);
  if (t === "integer" || t === "number") return String(Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1)));
  if (t === "boolean") return "true";
  return "a".repeat(Math.max(1, schema.minLength ?? 1));
}

/** Runs `fn` over `items`, `size` at a time (the matrices make thousands of in-process calls). */
export async function inPool<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
