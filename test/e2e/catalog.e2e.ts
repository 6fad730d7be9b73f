import path from "node:path";
import zlib from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrand, signIn } from "../factories";
import { APP, expectHeading, flow, gateway, launch, shot, uniqueEmail, VIEWPORTS } from "./browser";

const SHOPIFY_CSV = path.join(import.meta.dirname, "..", "fixtures", "shopify-products.csv");

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => browser?.close());

/** A 2×2 PNG, made here so the test needs no image file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 217, 72, 15, 79, 70, 229, 0, 79, 70, 229, 217, 72, 15]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const row = (page: Page, slug: string) => page.getByTestId(`category-${slug}`);
/** The category `child` drawn inside `parent`'s list. */
const nested = (page: Page, parent: string, child: string) => page.locator(`li:has(> [data-testid="category-${parent}"]) [data-testid="category-${child}"]`);

describe.each(Object.entries(VIEWPORTS))("catalog on %s", (name, viewport) => {
  it("a brand builds a category tree (drag and drop and buttons), adds attributes, imports a Shopify CSV and edits a product", async () => {
    const { cookie } = await signIn(gateway, uniqueEmail(`catalog-${name}`));
    await createBrand(gateway, cookie, { name: `Maison ${name}`, website: `https://maison-${name}-${Date.now().toString(36)}.example`, industry: "fashion", companySize: "11-50", country: "GB" });
    const categories = async () => ((await (await gateway("/api/v1/catalog/categories", { headers: { cookie } })).json()) as { items: { path: string[] }[] }).items.map((c) => c.path.join(" > "));
    const context = await browser.newContext({ viewport });
    await context.addCookies([{ name: "tandem_session", value: cookie.split("=")[1]!, domain: "localhost", path: "/", httpOnly: true, secure: true, sameSite: "Lax" }]);
    const page = await context.newPage();
    await flow(page, `catalog-${name}`, async () => {
      // The console's navigation leads to the catalog; an empty one invites the first category or an import.
      await page.goto(`${APP}/brand`);
      await page.getByRole("navigation", { name: "Brand console" }).getByRole("link", { name: "Catalog" }).click();
      await expectHeading(page, "Catalog");
      await page.getByText("Start with your first category").waitFor();
      expect(await page.getByRole("link", { name: "Import products from a CSV" }).isVisible()).toBe(true);
      await shot(page, `brand-catalog-empty-${name}`);

      // Three categories at the top level, typed one after another.
      await page.getByLabel("Name your first category").fill("Apparel");
      await page.getByRole("button", { name: "Add category" }).click();
      await row(page, "apparel").waitFor();
      for (const c of ["Accessories", "Dresses"]) {
        await page.getByLabel("New category").fill(c);
        await page.getByRole("button", { name: "Add category" }).click();
        await row(page, c.toLowerCase()).waitFor();
      }
      expect(await categories()).toEqual(["Apparel", "Accessories", "Dresses"]);

      // Drag and drop: Dresses into Apparel (onto the middle of its row)…
      await row(page, "dresses").dragTo(row(page, "apparel"), { sourcePosition: { x: 12, y: 20 } });
      await nested(page, "apparel", "dresses").waitFor();
      await expect.poll(categories).toEqual(["Apparel", "Apparel > Dresses", "Accessories"]);
      // …and Accessories above Apparel (onto the top edge of its row).
      await row(page, "accessories").dragTo(row(page, "apparel"), { sourcePosition: { x: 12, y: 20 }, targetPosition: { x: 60, y: 3 } });
      await expect.poll(categories).toEqual(["Accessories", "Apparel", "Apparel > Dresses"]);

      // The same moves without dragging: select a category, then use its buttons.
      await row(page, "accessories").getByRole("link", { name: "Accessories" }).click();
      await page.getByRole("button", { name: "Move down: Accessories" }).click();
      await expect.poll(categories).toEqual(["Apparel", "Apparel > Dresses", "Accessories"]);
      await page.getByRole("button", { name: "Put inside the one above: Accessories" }).click();
      await nested(page, "apparel", "accessories").waitFor();
      await page.getByRole("button", { name: "Move out a level: Accessories" }).click();
      await expect.poll(categories).toEqual(["Apparel", "Apparel > Dresses", "Accessories"]);

      // A category with subcategories cannot go: the API's reason is shown where it was asked.
      await row(page, "apparel").getByRole("link", { name: "Apparel" }).click();
      await page.getByRole("group", { name: "Apparel: actions" }).getByRole("button", { name: "Delete" }).click();
      await page.getByRole("group", { name: "Delete “Apparel”?" }).getByRole("button", { name: "Delete" }).click();
      await page.getByText("Move or delete its subcategories first.").waitFor();

      // Attributes: Apparel defines Fabric; Dresses inherits it and adds Length.
      await page.getByLabel("Label").fill("Fabric");
      expect(await page.getByLabel("Key").inputValue()).toBe("fabric");
      await page.getByRole("button", { name: "Add attribute" }).click();
      await page.locator(".attr-row", { hasText: "Fabric" }).waitFor();
      await row(page, "dresses").getByRole("link", { name: "Dresses" }).click();
      await page.getByRole("heading", { name: "Attributes of Dresses" }).waitFor();
      await page.getByText("Inherited from Apparel").waitFor();
      await page.getByLabel("Label").fill("Length");
      await page.getByLabel("Type").selectOption("unit");
      await page.getByLabel("Allowed units").fill("cm, in");
      await page.getByRole("button", { name: "Add attribute" }).click();
      await page.locator(".attr-row", { hasText: "Length" }).waitFor();
      await shot(page, `brand-catalog-tree-${name}`);

      // Import Shopify's export: the progress bar fills and the products appear.
      await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Import" }).click();
      await expectHeading(page, "Import products");
      await page.getByRole("radio", { name: /Shopify export/ }).check();
      expect(await page.getByLabel("Prices in the file are in").inputValue()).toBe("GBP");
      expect(await page.getByRole("link", { name: "Download the Tandem template" }).getAttribute("href")).toBe("/api/v1/catalog/imports/template.csv");
      await page.getByLabel("CSV file").setInputFiles(SHOPIFY_CSV);
      await page.getByText("shopify-products.csv").waitFor();
      await shot(page, `brand-catalog-import-form-${name}`);
      await page.getByRole("button", { name: "Start import" }).click();
      await page.waitForURL(/\/brand\/catalog\/import\/[^/]+$/);
      await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 30_000 });
      await page.getByText("Import complete").waitFor();
      expect(await page.locator('.kpi[data-kpi="Rows"] .value').textContent()).toBe("6");
      expect(await page.locator('.kpi[data-kpi="Errors"] .value').textContent()).toBe("0");
      await shot(page, `brand-catalog-import-done-${name}`);
      await page.getByRole("link", { name: "View products" }).click();
      await expectHeading(page, "Products");
      for (const title of ["Linen Wrap Dress", "Silk Scarf", "Gift Card"]) await page.getByRole("link", { name: new RegExp(title) }).waitFor();
      const dressRow = page.getByRole("link", { name: /Linen Wrap Dress/ });
      expect(await dressRow.textContent()).toContain("£129.00");
      expect(await dressRow.textContent()).toContain("3 variants");
      await shot(page, `brand-catalog-products-${name}`);

      // The tree counts what was filed in each category.
      await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Categories" }).click();
      await expectHeading(page, "Catalog");
      expect(await row(page, "dresses").locator(".cat-count").textContent()).toBe("1 product");
      expect(await row(page, "accessories").locator(".cat-count").textContent()).toBe("1 product");
      await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Products" }).click();
      await expectHeading(page, "Products");

      // Search and status filter.
      await page.getByLabel("Search").fill("scarf");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/q=scarf/);
      await expect.poll(() => page.locator(".product-row").count()).toBe(1);
      await page.getByLabel("Status").selectOption("draft");
      await page.waitForURL(/status=draft/);
      expect(await page.locator(".product-row").count()).toBe(1);

      // Edit the dress: a bad price is refused inline, a good one saved; attributes follow the category.
      await page.goto(`${APP}/brand/catalog/products`);
      await page.getByRole("link", { name: /Linen Wrap Dress/ }).click();
      await expectHeading(page, "Linen Wrap Dress");
      await page.getByLabel("Fabric (optional)").waitFor();
      const price = page.getByLabel("Price · XS / Sand");
      expect(await price.inputValue()).toBe("129.00");
      await price.fill("12,9.x");
      await page.getByRole("button", { name: "Save product" }).click();
      await page.getByText("Enter an amount like 12.50").waitFor();
      await price.fill("135.00");
      await page.getByLabel("Fabric (optional)").fill("Washed linen");
      await page.getByLabel("Length (optional)").fill("110");
      await page.getByLabel("Add another image").setInputFiles({ name: "swatch.png", mimeType: "image/png", buffer: tinyPng() });
      await page.getByAltText("Preview of the image to upload").waitFor();
      await page.getByRole("button", { name: "Save product" }).click();
      await page.getByText("Saved.").waitFor();
      expect(await page.getByLabel("Price · XS / Sand").inputValue()).toBe("135.00");
      const stored = (await (await gateway("/api/v1/catalog/products?q=linen", { headers: { cookie } })).json()) as { items: { variants: { sku: string; priceMinor: number }[]; attributes: Record<string, unknown>; media: { url: string }[] }[] };
      expect(stored.items[0]!.variants.find((v) => v.sku === "LWD-XS-SAND")!.priceMinor).toBe(13500);
      expect(stored.items[0]!.attributes).toEqual({ fabric: "Washed linen", length: { value: 110, unit: "cm" } });
      // The uploaded image is served on the app's own origin.
      const uploaded = stored.items[0]!.media.find((m) => m.url.startsWith("/media/"))!;
      const img = await page.request.get(`${APP}${uploaded.url}`);
      expect(img.status()).toBe(200);
      expect(img.headers()["content-type"]).toBe("image/png");
      await shot(page, `brand-catalog-product-${name}`);

      // A new product starts with one variant and refuses a missing price by field.
      await page.goto(`${APP}/brand/catalog/products/new`);
      await expectHeading(page, "New product");
      await page.getByLabel("Title").fill("Canvas tote");
      expect(await page.getByLabel("Handle").inputValue()).toBe("canvas-tote");
      await page.getByRole("button", { name: "Create product" }).first().click();
      await page.getByText("Enter a price").waitFor();
      await page.getByLabel(/^Price/).fill("24");
      await page.getByLabel("Category").selectOption({ label: "Accessories" });
      await page.getByRole("button", { name: "Create product" }).first().click();
      await page.getByText("Saved.").waitFor();
      await expectHeading(page, "Canvas tote");
    });
    await context.close();
  });
});
