import { ulid } from "ulid";

/** Prefixed ULIDs: sortable, unguessable enough for row ids, and self-describing in logs. */
export const ID_PREFIX = {
  user: "usr",
  session: "ses",
  otp: "otp",
  brand: "brd",
  member: "mem",
  apiKey: "key",
  creator: "cr",
  social: "soc",
  oauth: "oau",
  mail: "mail",
  request: "req",
  campaign: "cmp",
  link: "lnk",
  domain: "dom",
  click: "clk",
  event: "evt",
  account: "acc",
  collaboration: "col",
  rate: "rate",
  alert: "alr",
  dispute: "dsp",
  note: "nte",
  notification: "ntf",
  entry: "je",
  line: "jl",
  message: "msg",
  community: "com",
  tier: "tier",
  room: "room",
  post: "pst",
  poll: "pol",
  drop: "drp",
  dropClaim: "dcl",
  course: "crs",
  module: "mod",
  lesson: "les",
  assessment: "asm",
  question: "qst",
  attempt: "att",
  category: "cat",
  attribute: "attr",
  product: "prd",
  variant: "var",
  media: "med",
  catalogImport: "imp",
  storefront: "sf",
  storefrontVersion: "sfv",
} as const;

export type IdKind = keyof typeof ID_PREFIX;

export function newId(kind: IdKind): string {
  return `${ID_PREFIX[kind]}_${ulid().toLowerCase()}`;
}
