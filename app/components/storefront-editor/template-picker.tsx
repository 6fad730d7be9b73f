import { Form } from "@remix-run/react";
import type { TemplateInfo } from "../../lib/storefront-editor.server";

/** Choose a vertical to start from; every template is editable block by block afterwards. */
export function TemplatePicker({ templates, busy, replace }: { templates: TemplateInfo[]; busy: boolean; replace?: boolean }) {
  return (
    <div className="ed-templates">
      {templates.map((t) => (
        <Form method="post" key={t.id} className="ed-template" aria-label={t.name}>
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="template" value={t.id} />
          {replace ? <input type="hidden" name="replace" value="true" /> : null}
          <div className="ed-template-preview" style={{ background: t.theme.background, color: t.theme.text }} aria-hidden="true">
            <span className="ed-template-line" style={{ background: t.theme.text, width: "60%" }} />
            <span className="ed-template-line" style={{ background: t.theme.muted, width: "80%", opacity: 0.6 }} />
            <span className="ed-template-cards">
              <span style={{ background: t.theme.surface }} />
              <span style={{ background: t.theme.surface }} />
            </span>
            <span className="ed-template-btn" style={{ background: t.theme.accent }} />
          </div>
          <h3>{t.name}</h3>
          <p className="muted">{t.description}</p>
          <button type="submit" className="btn btn-block" disabled={busy}>
            {replace ? `Restart from ${t.name}` : `Start with ${t.name}`}
          </button>
        </Form>
      ))}
    </div>
  );
}
