import xss from "xss";

// CommonJS package: take the named helpers from its default export (works in workerd and Node).
const { FilterXSS, escapeAttrValue, safeAttrValue } = xss as unknown as typeof import("xss");

/**
 * Product descriptions and storefront text arrive as HTML from brands, creators and CSV files.
 * Only a small formatting vocabulary survives; scripts, styles, event handlers, frames and
 * non-http(s)/mailto links are removed (their text content too, for script/style).
 */
const ALLOWED: Record<string, string[]> = {
  p: [], br: [], strong: [], b: [], em: [], i: [], u: [], s: [], small: [], span: [],
  ul: [], ol: [], li: [], blockquote: [], h2: [], h3: [], h4: [], hr: [],
  a: ["href", "title"],
  table: [], thead: [], tbody: [], tr: [], th: [], td: [],
};

const filter = new FilterXSS({
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "textarea", "select"],
  allowCommentTag: false,
  css: false,
  safeAttrValue(tag, name, value, cssFilter) {
    if (tag === "a" && name === "href") {
      const v = value.trim();
      if (!/^(https?:\/\/|mailto:)/i.test(v)) return "";
      return escapeAttrValue(safeAttrValue(tag, name, v, cssFilter));
    }
    return safeAttrValue(tag, name, value, cssFilter);
  },
});

export function sanitizeHtml(html: string): string {
  // Every kept link opens safely; rel and target are ours, never taken from input.
  return filter.process(html).replaceAll("[removed]", "").replaceAll("<a ", '<a rel="nofollow noopener" target="_blank" ').trim();
}

/** Plain text for titles and meta descriptions: tags dropped, whitespace collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
