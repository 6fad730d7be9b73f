import { BRAND_GOALS, COMPANY_SIZES, INDUSTRIES } from "../../workers/brands/schemas";
import { NICHES } from "../../workers/creators/schemas";

const title = (s: string) => s.replaceAll("-", " ").replace(/^\w/, (c) => c.toUpperCase()).replace(" and ", " & ");

export const industryOptions = INDUSTRIES.map((v) => ({ value: v, label: title(v) }));
export const sizeOptions = COMPANY_SIZES.map((v) => ({ value: v, label: `${v} people` }));
export const nicheOptions = NICHES.map((v) => ({ value: v, label: title(v) }));

export const goalOptions: { value: (typeof BRAND_GOALS)[number]; label: string; blurb: string }[] = [
  { value: "sales", label: "Sell products", blurb: "Pay creators per purchase (CPP) and track every order." },
  { value: "traffic", label: "Drive traffic", blurb: "Pay per click (CPC) to your store or landing page." },
  { value: "awareness", label: "Build awareness", blurb: "Pay per view (CPV) for reach with the right audiences." },
  { value: "leads", label: "Collect leads", blurb: "Lead forms with GDPR consent built in." },
  { value: "calls", label: "Get calls", blurb: "Pay per qualified call (CPCall) with a minimum duration." },
];

/** ISO 3166 countries most brands start with; the API accepts any ISO code. */
export const countryOptions = [
  ["US", "United States"], ["GB", "United Kingdom"], ["IN", "India"], ["CA", "Canada"], ["AU", "Australia"],
  ["DE", "Germany"], ["FR", "France"], ["ES", "Spain"], ["IT", "Italy"], ["NL", "Netherlands"], ["SE", "Sweden"],
  ["IE", "Ireland"], ["AE", "United Arab Emirates"], ["SG", "Singapore"], ["BR", "Brazil"], ["MX", "Mexico"],
  ["JP", "Japan"], ["ZA", "South Africa"], ["NG", "Nigeria"], ["NZ", "New Zealand"],
].map(([value, label]) => ({ value: value!, label: label! }));
