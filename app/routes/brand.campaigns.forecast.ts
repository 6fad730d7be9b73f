import type { ActionFunctionArgs } from "@remix-run/cloudflare";
import { api } from "../lib/api.server";
import { requireBrand } from "../lib/brand.server";
import { campaignBodyFromForm } from "../lib/campaign-form.server";
import { readForm } from "../lib/read-body.server";

/** Resource route: the new-campaign form posts its current values here for a live forecast. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { brand } = await requireBrand(context, request);
  const { body } = campaignBodyFromForm(await readForm(request), brand.id);
  if (!body.totalBudgetMinor || (body.rateMinor == null && body.rateBps == null)) return Response.json({ incomplete: true });
  const res = await api(context, request, "/api/v1/campaigns/forecast", {
    method: "POST",
    body: { brandId: brand.id, pricingModel: body.pricingModel, cppMode: body.cppMode, rateMinor: body.rateMinor, rateBps: body.rateBps, totalBudgetMinor: body.totalBudgetMinor, dailyBudgetMinor: body.dailyBudgetMinor },
  });
  return Response.json(res.ok ? res.data : { incomplete: true });
}
