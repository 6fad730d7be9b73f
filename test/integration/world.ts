import { expect } from "vitest";
import { createApiKey, createBrand, createCampaign, createCategory, createCreator, createProduct, signIn } from "../factories";
import { api, postJson, uniqueEmail } from "./helpers";

/**
 * Two brands, a creator who owns a community and a storefront, a member of that community and a
 * member-role teammate of brand A: every kind of resource the API has, with ids, so the generated
 * matrices can call every route with real ids that are someone's own and someone else's.
 */
export type World = Awaited<ReturnType<typeof buildWorld>>;

const ok = async <T>(res: Response | Promise<Response>, what: string): Promise<T> => {
  const r = await res;
  if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
  return (r.status === 204 ? undefined : await r.json()) as T;
};

async function buildBrand(label: string) {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ownerEmail = uniqueEmail(`mx-${label}-owner`);
  const owner = { ...(await signIn(api, ownerEmail)), email: ownerEmail };
  const domain = `mx-${label}-${stamp}.example`;
  const brand = await createBrand(api, owner.cookie, { name: `Matrix ${label.toUpperCase()}`, website: `https://${domain}`, industry: "beauty", companySize: "1-10", country: "GB" });
  const key = await createApiKey(api, owner.cookie, brand.id);
  const memberEmail = uniqueEmail(`mx-${label}-member`);
  const member = await ok<{ id: string }>(postJson(`/api/v1/brands/${brand.id}/members`, { email: memberEmail, role: "member" }, { cookie: owner.cookie }), "add member");
  const teammate = await signIn(api, memberEmail);
  const campaign = await createCampaign(api, owner.cookie, {
    name: `Matrix ${label}`, pricingModel: "cpc", rateMinor: 40, currency: "GBP", totalBudgetMinor: 100_000, dailyBudgetMinor: 10_000, fallbackUrl: `https://${domain}/`, landingUrls: [`https://${domain}/serum`],
  });
  const category = await createCategory(api, owner.cookie, { name: `Serums ${label}`, slug: `serums-${stamp}` });
  const product = await createProduct(api, owner.cookie, { handle: `serum-${stamp}`, title: "Serum", categoryId: category.id, variants: [{ priceMinor: 2500 }] });
  const csv = await (await api("/api/v1/catalog/imports/template.csv")).text();
  const job = await ok<{ id: string }>(api(`/api/v1/catalog/imports?brandId=${brand.id}&format=tandem&dryRun=true`, { method: "POST", headers: { "content-type": "text/csv", cookie: owner.cookie }, body: csv }), "import");
  const domains = await ok<{ items: { id: string; domain: string }[] }>(api(`/api/v1/brands/${brand.id}/domains`, { headers: { cookie: owner.cookie } }), "domains");
  return {
    id: brand.id, domain, owner, teammate: { ...teammate, email: memberEmail, memberId: member.id }, key: { id: key.id, secret: key.secret },
    campaignId: campaign.id, categoryId: category.id, productId: product.id, domainId: domains.items[0]!.id, importId: job.id,
  };
}

export async function buildWorld() {
  const [a, b] = [await buildBrand("a"), await buildBrand("b")];

  const creatorEmail = uniqueEmail("mx-creator");
  const creator = await signIn(api, creatorEmail);
  const handle = `mx_${Date.now().toString(36)}`;
  const profile = await createCreator(api, creator.cookie, { handle, displayName: "Max Matrix", niches: ["beauty"] });
  await ok(postJson("/api/v1/storefronts/mine", { template: "fashion" }, { cookie: creator.cookie }), "storefront");
  const invite = await ok<{ id: string }>(postJson(`/api/v1/campaigns/${a.campaignId}/invites`, { handle }, { cookie: a.owner.cookie }), "invite");
  const accepted = await ok<{ links: { code: string }[] }>(postJson(`/api/v1/campaigns/${a.campaignId}/accept`, {}, { cookie: creator.cookie }), "accept");
  const link = accepted.links[0]!;

  const slug = `mx-${Date.now().toString(36)}`;
  const community = await ok<{ id: string; rooms: { id: string }[] }>(postJson("/api/v1/communities", { slug, name: "Matrix Club" }, { cookie: creator.cookie }), "community");
  const roomId = community.rooms[0]!.id;
  const memberEmail = uniqueEmail("mx-member");
  const member = { ...(await signIn(api, memberEmail)), email: memberEmail };
  await ok(postJson(`/api/v1/communities/${slug}/join`, {}, { cookie: member.cookie }), "join");
  const course = await ok<{ id: string; modules: { lessons: { id: string }[]; assessment: { id: string } | null }[] }>(
    postJson(`/api/v1/communities/${slug}/courses`, {
      title: "Basics", summary: "Start here.", tierIds: [], status: "published",
      modules: [{ title: "One", lessons: [{ title: "Hello", body: "<p>Hi</p>" }], assessment: { title: "Quiz", passMarkPct: 50, maxAttempts: 3, questions: [{ kind: "single", prompt: "Yes?", options: ["Yes", "No"], correct: 0 }] } }],
    }, { cookie: creator.cookie }),
    "course",
  );
  const drop = await ok<{ id: string }>(postJson(`/api/v1/rooms/${roomId}/drops`, { title: "Sample", perk: "A sample", quantity: 5, releaseAt: Date.now() + 3_600_000 }, { cookie: creator.cookie }), "drop");
  expect(drop.id).toBeTruthy();
  // The creator sells a service; the community member has bought it (an order both may read).
  const product = await ok<{ id: string }>(postJson("/api/v1/shop/products", { kind: "service", title: "Matrix session", priceMinor: 2_500, currency: "GBP", status: "active" }, { cookie: creator.cookie }), "shop product");
  const order = await ok<{ orderId: string; url: string }>(postJson("/api/v1/checkout", { items: [{ productId: product.id, quantity: 1 }] }, { cookie: member.cookie }), "order");

  return {
    a, b,
    creator: { ...creator, email: creatorEmail, id: profile.id, handle, linkCode: link.code, collaborationId: invite.id, productId: product.id },
    community: { slug, id: community.id, roomId, courseId: course.id, lessonId: course.modules[0]!.lessons[0]!.id, assessmentId: course.modules[0]!.assessment!.id, dropId: drop.id },
    member,
    orderId: order.orderId,
    /** The order's test-mode checkout (the matrices may pay or decline it: both are the buyer's to do). */
    checkoutSessionId: new URL(order.url).pathname.split("/").pop()!,
    anonymous: {},
  };
}
