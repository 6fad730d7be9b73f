/**
 * Where creators can be paid, and on which Stripe Connect service agreement (ADR 019).
 *
 * `full`: an Express account on Stripe's standard agreement, in the countries where Express
 * accounts are available. `recipient`: the recipient service agreement, which receives transfers
 * only (cross-border payouts), in countries where a full account is not. Anywhere else payouts
 * are refused at onboarding, and the payout job never attempts a transfer to such an account.
 */
const FULL = "AT AU BE BG CA CH CY CZ DE DK EE ES FI FR GB GI GR HK HR HU IE IT JP LI LT LU LV MT NL NO NZ PL PT RO SE SG SI SK US".split(" ");
const RECIPIENT =
  "AG AL AM AO AR AZ BA BD BH BJ BN BO BS BT BW CI CL CO CR DO DZ EC EG ET GA GH GM GT GY ID IL IN JM JO KE KH KR KW LC LK MA MC MD MG MK MN MO MU MY MZ NA NE NG OM PA PE PH PK PY QA RS RW SA SM SN SV TH TN TR TT TW TZ UY UZ VN ZA".split(" ");

export type ServiceAgreement = "full" | "recipient";

/** The agreement a creator in `country` (ISO 3166-1 alpha-2) is paid under, or null where payouts are not available. */
export function serviceAgreementFor(country: string): ServiceAgreement | null {
  if (FULL.includes(country)) return "full";
  if (RECIPIENT.includes(country)) return "recipient";
  return null;
}

export const PAYOUT_COUNTRIES = { full: FULL, recipient: RECIPIENT } as const;
