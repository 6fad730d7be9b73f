import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { lookupTxt, txtValue } from "../../workers/brands/lookup-txt";
import { createBrand, createCreator, fundWallet, signIn } from "../factories";
import { dohStub, TEST_DOH_URL } from "./doh-stub";
import { api, gateway, postJson, problem, uniqueEmail } from "./helpers";

type Domain = { id: string; domain: string; verified: boolean; verifiedAt: string | null; verification: { type: string; name: string; value: string } };

const campaign = (domain: string) => ({ name: "Proof", pricingModel: "cpc", rateMinor: 40, currency: "EUR", totalBudgetMinor: 50_000, fallbackUrl: `https://${domain}/` });

describe("the DNS-over-HTTPS client", () => {
  it("joins quoted character-strings and unescapes them", () => {
    expect(txtValue('"tandem-verify=abc"')).toBe("tandem-verify=abc");
    expect(txtValue('"v=spf1 " "include:x.example ~all"')).toBe("v=spf1 include:x.example ~all");
    expect(txtValue('"say \\"hi\\" \\\\ \\065"')).toBe('say "hi" \\ A');
  });

  it("asks for TXT as JSON, and reads NXDOMAIN as no records", async () => {
    const name = `_tandem.client-${Math.random().toString(36).slice(2, 8)}.example`;
    expect(await lookupTxt(TEST_DOH_URL, name)).toEqual([]);
    expect(dohStub.requests.at(-1)).toEqual({ name, type: "TXT", accept: "application/dns-json" });
    dohStub.publishTxt(name, "first");
    dohStub.publishTxt(name, "x".repeat(300));
    expect(await lookupTxt(TEST_DOH_URL, name)).toEqual(["first", "x".repeat(300)]);
  });
});

describe("destination domains need DNS proof", () => {
  let owner: string, brandId: string, domain: string, member: string, creatorId: string;
  const domains = async (cookie = owner, id = brandId) => ((await (await api(`/api/v1/brands/${id}/domains`, { headers: { cookie } })).json()) as { items: Domain[] }).items;
  const verify = (d: Domain, cookie = owner, id = brandId) => postJson(`/api/v1/brands/${id}/domains/${d.id}/verify`, {}, { cookie });

  beforeAll(async () => {
    owner = (await signIn(api, uniqueEmail("dns-owner"))).cookie;
    domain = `dns-${Math.random().toString(36).slice(2, 8)}.example`;
    brandId = (await createBrand(api, owner, { name: "Proof Co", website: `https://www.${domain}`, industry: "tech", companySize: "1-10", country: "DE" }, "sales", { verify: false })).id;
    const email = uniqueEmail("dns-member");
    await postJson(`/api/v1/brands/${brandId}/members`, { email, role: "member" }, { cookie: owner });
    member = (await signIn(api, email)).cookie;
    const cr = await signIn(api, uniqueEmail("dns-creator"));
    creatorId = (await createCreator(api, cr.cookie, { handle: `dns_${Date.now().toString(36)}`, displayName: "Dee", niches: ["tech"] })).id;
  });
  afterEach(() => {
    dohStub.failWith = null;
  });

  it("a new brand's domain starts unverified, showing the record to add", async () => {
    const [d] = await domains();
    expect(d).toMatchObject({ domain, verified: false, verifiedAt: null, verification: { type: "TXT", name: `_tandem.${domain}`, value: expect.stringMatching(/^tandem-verify=[0-9a-f]{32}$/) } });
    // Members see the record too, but only owners and admins verify.
    expect((await domains(member))[0]!.verification).toEqual(d!.verification);
    expect((await verify(d!, member)).status).toBe(403);
  });

  it("a draft may name an unverified domain, but nothing sends visitors there: no launch, no links", async () => {
    const res = await postJson("/api/v1/campaigns", { ...campaign(domain), landingUrls: [`https://${domain}/spring`] }, { cookie: owner });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as { id: string; status: string };
    expect(draft.status).toBe("draft");
    const launch = await postJson(`/api/v1/campaigns/${draft.id}/status`, { action: "launch" }, { cookie: owner });
    expect(launch.status).toBe(422);
    const p = await problem(launch);
    expect(p.code).toBe("domain_unverified");
    expect(p.detail).toBe(`Verify ${domain} in Settings → Domains first: links only send visitors to domains the brand has proved it owns.`);
    const message = `${domain} is not verified yet: add its TXT record in brand settings, then verify`;
    expect(p.errors).toEqual([{ path: "fallbackUrl", message }, { path: "landingUrls.0", message }]);
    expect(((await (await api(`/api/v1/campaigns/${draft.id}`, { headers: { cookie: owner } })).json()) as { status: string }).status).toBe("draft");
    const minted = await postJson("/api/v1/links", { campaignId: draft.id, creatorId, destination: `https://${domain}/x` }, { cookie: owner });
    expect(minted.status).toBe(422);
    expect((await problem(minted)).errors?.[0]).toEqual({ path: "body.destination", message });
    // A domain the brand never registered is refused even in a draft.
    const stranger = await postJson("/api/v1/campaigns", campaign("elsewhere.example"), { cookie: owner });
    expect((await problem(stranger)).errors).toEqual([{ path: "body.fallbackUrl", message: "elsewhere.example is not one of this brand's registered domains" }]);
  });

  it("verifying without the record, or with another record, changes nothing and says what to add", async () => {
    const [d] = await domains();
    const missing = await verify(d!);
    expect(missing.status).toBe(422);
    const p = await problem(missing);
    expect(p.detail).toContain(`_tandem.${domain} does not have the TXT record ${d!.verification.value} yet (found no TXT record)`);
    expect(p.errors).toEqual([{ path: "domain", message: `Add the TXT record ${d!.verification.value} at _tandem.${domain}` }]);
    dohStub.publishTxt(`_tandem.${domain}`, "tandem-verify=0000000000000000000000000000dead");
    expect((await problem(await verify(d!))).detail).toContain('found "tandem-verify=0000000000000000000000000000dead"');
    expect((await domains())[0]!.verified).toBe(false);
  });

  it("a resolver outage is a 503 and leaves the domain unverified", async () => {
    const [d] = await domains();
    dohStub.publishTxt(d!.verification.name, d!.verification.value);
    dohStub.failWith = 502;
    const res = await verify(d!);
    expect(res.status).toBe(503);
    expect((await problem(res)).code).toBe("provider_unavailable");
    expect((await domains())[0]!.verified).toBe(false);
  });

  it("with the record published, the domain verifies and takes campaigns and links", async () => {
    const [d] = await domains();
    const res = await verify(d!);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: d!.id, verified: true, verifiedAt: expect.any(String) });
    expect((await verify(d!)).status).toBe(200);
    const c = await postJson("/api/v1/campaigns", campaign(domain), { cookie: owner });
    expect(c.status).toBe(201);
    const { id: campaignId } = (await c.json()) as { id: string };
    const minted = await postJson("/api/v1/links", { campaignId, creatorId, destination: `https://shop.${domain}/x` }, { cookie: owner });
    expect(minted.status).toBe(201);
    const { code } = (await minted.json()) as { code: string };
    await fundWallet(api, owner, brandId, 50_000, "EUR");
    expect((await postJson(`/api/v1/campaigns/${campaignId}/status`, { action: "launch" }, { cookie: owner })).status).toBe(200);
    const visit = await gateway(new Request(`http://localhost:8787/l/${code}`, { redirect: "manual" }));
    expect(new URL(visit.headers.get("location")!).host).toBe(`shop.${domain}`);

    // A second domain is a new claim: no links to it until it too is proven.
    const other = `more-${domain}`;
    const added = (await (await postJson(`/api/v1/brands/${brandId}/domains`, { domain: other }, { cookie: owner })).json()) as Domain;
    expect(added).toMatchObject({ domain: other, verified: false });
    expect(added.verification.value).not.toBe(d!.verification.value);
    const refused = await postJson("/api/v1/links", { campaignId, creatorId, destination: `https://${other}/` }, { cookie: owner });
    expect((await problem(refused)).errors?.[0]).toEqual({ path: "body.destination", message: `${other} is not verified yet: add its TXT record in brand settings, then verify` });
  });

  it("another brand cannot claim this domain with this brand's record", async () => {
    const rival = (await signIn(api, uniqueEmail("dns-rival"))).cookie;
    const rivalId = (await createBrand(api, rival, { name: "Squatter", website: `https://${domain}`, industry: "tech", companySize: "1-10", country: "DE" }, "sales", { verify: false })).id;
    const [theirs] = await domains(rival, rivalId);
    expect(theirs!.verification.value).not.toBe((await domains())[0]!.verification.value);
    // The domain's DNS carries only the real owner's record.
    expect((await verify(theirs!, rival, rivalId)).status).toBe(422);
    const draft = (await (await postJson("/api/v1/campaigns", campaign(domain), { cookie: rival })).json()) as { id: string };
    expect((await postJson(`/api/v1/campaigns/${draft.id}/status`, { action: "launch" }, { cookie: rival })).status).toBe(422);
  });
});
