import type { ReactNode } from "react";
import type { StorefrontDoc } from "./types";

/** A storefront's product page around its article: the theme, the way back, the footer and the view pixel (no JavaScript). */
export function ProductPageFrame({ doc, handle, displayName, children }: { doc: StorefrontDoc; handle: string; displayName: string; children: ReactNode }) {
  return (
    <div className="sf" data-font={doc.theme.font} data-radius={doc.theme.radius}>
      <main className="sf-page">
        <a className="sf-back" href={`/@${handle}`}>
          ← {displayName}
        </a>
        {children}
      </main>
      <footer className="sf-footer">
        <a href={`/@${handle}`}>@{handle}</a> · Made with <a href="/">Tandem</a>
      </footer>
      <img className="sf-px" src={`/api/v1/storefronts/${handle}/px`} width={1} height={1} alt="" />
    </div>
  );
}
