/** The parts of a structured brief, in the order creators read them. */
export const BRIEF_FIELDS = [
  { name: "deliverables", label: "Deliverables", placeholder: "e.g. one Reel and three Stories" },
  { name: "dos", label: "Dos", placeholder: "e.g. natural light, show the texture" },
  { name: "donts", label: "Don'ts", placeholder: "e.g. no competitor products in frame" },
  { name: "dates", label: "Dates", placeholder: "e.g. post between 1 and 14 December" },
  { name: "usageRights", label: "Usage rights", placeholder: "e.g. brand may reuse organically for 90 days" },
] as const;
