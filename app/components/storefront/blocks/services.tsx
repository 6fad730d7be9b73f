import type { BlockProps } from "../../../../workers/storefronts/blocks";
import { price } from "../format";
import { SfImage } from "../image";
import type { StorefrontData } from "../types";

export function ServiceMenuBlock({ props }: { props: BlockProps<"serviceMenu"> }) {
  if (!props.items.length) return null;
  return (
    <section className="sf-section" id="services">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      <ul className="sf-menu">
        {props.items.map((s, i) => (
          <li key={i}>
            <div>
              <p className="sf-menu-name">{s.name}</p>
              {s.description ? <p className="sf-muted">{s.description}</p> : null}
            </div>
            <p className="sf-menu-price">
              {s.priceMinor === 0 ? "Free" : price(s.priceMinor, props.currency)}
              {s.durationMin ? <span className="sf-muted"> · {s.durationMin} min</span> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ListingCardsBlock({ props, data }: { props: BlockProps<"listingCards">; data: StorefrontData }) {
  if (!props.items.length) return null;
  return (
    <section className="sf-section">
      {props.heading ? <h2 className="sf-h2">{props.heading}</h2> : null}
      <div className="sf-grid" data-cols={2}>
        {props.items.map((l, i) => {
          const facts = [l.beds != null ? `${l.beds} bed` : null, l.baths != null ? `${l.baths} bath` : null, l.areaSqm != null ? `${l.areaSqm} m²` : null].filter(Boolean);
          const body = (
            <>
              <span className="sf-card-media">{l.imageUrl ? <SfImage image={{ url: l.imageUrl, width: 800, height: 600, alt: l.title }} sizes="(min-width: 720px) 50vw, 100vw" resize={data.resizeImages} /> : <span className="sf-card-blank" aria-hidden="true">⌂</span>}</span>
              <span className="sf-card-body">
                <span className="sf-card-title">{l.title}</span>
                {l.location ? <span className="sf-card-brand">{l.location}</span> : null}
                {facts.length ? <span className="sf-muted">{facts.join(" · ")}</span> : null}
                {l.priceMinor != null ? <span className="sf-price">{price(l.priceMinor, l.currency)}</span> : null}
              </span>
            </>
          );
          return l.url ? (
            <a key={i} className="sf-card" href={l.url}>
              {body}
            </a>
          ) : (
            <div key={i} className="sf-card">
              {body}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** A plain HTML form: it works without JavaScript (the page posts to /@handle/contact). */
export function ContactFormBlock({ props, data, status }: { props: BlockProps<"contactForm">; data: StorefrontData; status?: "sent" | "error" | null }) {
  return (
    <section className="sf-section sf-form-wrap" id="contact">
      <h2 className="sf-h2">{props.heading}</h2>
      {props.intro ? <p className="sf-muted">{props.intro}</p> : null}
      {status === "sent" ? (
        <p className="sf-notice" role="status">
          Thank you. Your message is on its way to {data.displayName}.
        </p>
      ) : (
        <form className="sf-form" method="post" action={`/@${data.handle}/contact`}>
          {status === "error" ? (
            <p className="sf-notice sf-notice-error" role="alert">
              Please check your name, email and message, then send again.
            </p>
          ) : null}
          <label>
            Name
            <input name="name" autoComplete="name" required maxLength={100} />
          </label>
          <label>
            Email
            <input name="email" type="email" autoComplete="email" required maxLength={200} />
          </label>
          {props.kind === "booking" ? (
            <label>
              Preferred time
              <input name="preferredTime" placeholder="e.g. weekday mornings" maxLength={100} />
            </label>
          ) : null}
          <label>
            Message
            <textarea name="message" rows={4} required maxLength={4000} />
          </label>
          {data.turnstileSiteKey ? (
            <>
              {/* Turnstile's widget adds a cf-turnstile-response field to this form; the gateway checks it. */}
              <div className="cf-turnstile" data-sitekey={data.turnstileSiteKey} />
              <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer />
            </>
          ) : null}
          <button className="sf-btn" type="submit">
            {props.submitLabel}
          </button>
        </form>
      )}
    </section>
  );
}
