import { CollectionBlock, FeaturedProductBlock, ProductGridBlock } from "./blocks/commerce";
import { CommunityInviteBlock, HeroBlock, LinksBlock, TestimonialsBlock, TextBlock, VideoBlock } from "./blocks/content";
import { ContactFormBlock, ListingCardsBlock, ServiceMenuBlock } from "./blocks/services";
import { ShopBlock } from "./blocks/shop";
import type { Block, StorefrontData, StorefrontDoc } from "./types";

export function BlockView({ block, data, first, formStatus }: { block: Block; data: StorefrontData; first: boolean; formStatus?: "sent" | "error" | null }) {
  switch (block.type) {
    case "hero":
      return <HeroBlock props={block.props} data={data} first={first} />;
    case "productGrid":
      return <ProductGridBlock props={block.props} data={data} first={first} />;
    case "collection":
      return <CollectionBlock id={block.id} props={block.props} data={data} first={first} />;
    case "featuredProduct":
      return <FeaturedProductBlock props={block.props} data={data} first={first} />;
    case "links":
      return <LinksBlock props={block.props} />;
    case "text":
      return <TextBlock props={block.props} />;
    case "video":
      return <VideoBlock props={block.props} />;
    case "testimonials":
      return <TestimonialsBlock props={block.props} />;
    case "contactForm":
      return <ContactFormBlock props={block.props} data={data} status={formStatus} />;
    case "listingCards":
      return <ListingCardsBlock props={block.props} data={data} />;
    case "serviceMenu":
      return <ServiceMenuBlock props={block.props} />;
    case "communityInvite":
      return <CommunityInviteBlock props={block.props} />;
    case "shop":
      return <ShopBlock props={block.props} data={data} />;
  }
}

/** Exactly what visitors see: the edge renders it, and the editor's live preview renders the same component. */
export function StorefrontView({ doc, data, formStatus, inlineTheme = true, children }: { doc: StorefrontDoc; data: StorefrontData; formStatus?: "sent" | "error" | null; inlineTheme?: boolean; children?: React.ReactNode }) {
  // The edge page puts the theme in its hashed <style> (its CSP allows no inline style attributes).
  return (
    <div className="sf" data-font={doc.theme.font} data-radius={doc.theme.radius} style={inlineTheme ? themeStyle(doc.theme) : undefined}>
      <main className="sf-page">
        {doc.blocks.map((b, i) => (
          <BlockView key={b.id} block={b} data={data} first={i === 0} formStatus={formStatus} />
        ))}
        {children}
      </main>
      <footer className="sf-footer">
        <a href={`/@${data.handle}`}>@{data.handle}</a> · Made with <a href="/">Tandem</a>
      </footer>
    </div>
  );
}

/** Theme tokens as CSS custom properties (used inline by the editor; the edge puts them in its <style>). */
export function themeVars(theme: StorefrontDoc["theme"]): Record<string, string> {
  return {
    "--sf-bg": theme.background,
    "--sf-surface": theme.surface,
    "--sf-text": theme.text,
    "--sf-muted": theme.muted,
    "--sf-accent": theme.accent,
    "--sf-accent-text": theme.accentText,
  };
}

/** The same variables as a rule for the edge page's <style>. */
export function themeRule(theme: StorefrontDoc["theme"]): string {
  return `.sf{${Object.entries(themeVars(theme)).map(([k, v]) => `${k}:${v}`).join(";")}}`;
}

function themeStyle(theme: StorefrontDoc["theme"]) {
  return themeVars(theme) as React.CSSProperties;
}
