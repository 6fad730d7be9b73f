import { videoEmbed, type BlockProps } from "../../../../workers/storefronts/blocks";
import { SfImage } from "../image";
import type { StorefrontData } from "../types";

export function HeroBlock({ props, data, first }: { props: BlockProps<"hero">; data: StorefrontData; first: boolean }) {
  const Heading = first ? "h1" : "h2";
  return (
    <section className="sf-hero" data-align={props.align}>
      {props.imageUrl ? <SfImage className="sf-hero-img" image={{ url: props.imageUrl, width: 1600, height: 900, alt: "" }} sizes="100vw" resize={data.resizeImages} priority={first} /> : null}
      <div className="sf-hero-copy">
        {props.eyebrow ? <p className="sf-eyebrow">{props.eyebrow}</p> : null}
        <Heading className="sf-h1">{props.heading}</Heading>
        {props.subheading ? <p className="sf-lead">{props.subheading}</p> : null}
        {props.ctaLabel && props.ctaUrl ? (
          <a className="sf-btn" href={props.ctaUrl}>
            {props.ctaLabel}
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function LinksBlock({ props }: { props: BlockProps<"links"> }) {
  if (!props.items.length) return null;
  return (
    <section className="sf-section">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      <ul className="sf-links">
        {props.items.map((l, i) => (
          <li key={i}>
            <a className={l.highlight ? "sf-link sf-link-hi" : "sf-link"} href={l.url} rel={l.url.startsWith("/") ? undefined : "noopener"}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `html` was sanitised by the gateway on save (an allow-list of formatting tags, safe links only). */
export function TextBlock({ props }: { props: BlockProps<"text"> }) {
  return (
    <section className="sf-section sf-prose">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      <div dangerouslySetInnerHTML={{ __html: props.html }} />
    </section>
  );
}

export function VideoBlock({ props }: { props: BlockProps<"video"> }) {
  const src = props.url ? videoEmbed(props.url) : null;
  if (!src) return null;
  return (
    <section className="sf-section">
      <div className="sf-video">
        <iframe src={src} title={props.caption || "Video"} loading="lazy" allow="encrypted-media; picture-in-picture" allowFullScreen referrerPolicy="strict-origin-when-cross-origin" />
      </div>
      {props.caption ? <p className="sf-muted sf-caption">{props.caption}</p> : null}
    </section>
  );
}

export function TestimonialsBlock({ props }: { props: BlockProps<"testimonials"> }) {
  if (!props.items.length) return null;
  return (
    <section className="sf-section">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      <div className="sf-quotes">
        {props.items.map((q, i) => (
          <figure key={i} className="sf-quote">
            <blockquote>“{q.quote}”</blockquote>
            <figcaption>
              {q.author}
              {q.role ? <span className="sf-muted"> · {q.role}</span> : null}
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}

export function CommunityInviteBlock({ props }: { props: BlockProps<"communityInvite"> }) {
  return (
    <section className="sf-section sf-invite">
      <h2 className="sf-h2">{props.heading}</h2>
      {props.body ? <p className="sf-muted">{props.body}</p> : null}
      {props.url ? (
        <a className="sf-btn" href={props.url}>
          {props.ctaLabel}
        </a>
      ) : null}
    </section>
  );
}
