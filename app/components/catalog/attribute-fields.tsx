import type { Attribute, AttributeValue } from "../../lib/catalog";
import { Input, Select } from "../ui/field";

/** One input per attribute the product's category defines, the right kind for each type. */
export function AttributeFields({ defs, values, errors, categoryName }: { defs: Attribute[]; values: Record<string, AttributeValue>; errors: Record<string, string>; categoryName: string }) {
  if (!defs.length) return <p className="muted small">{categoryName} asks for no attributes. Add some on the Categories tab.</p>;
  return (
    <div className="stack attr-fields">
      {defs.map((d) => (
        <AttributeField key={d.id} def={d} value={values[d.key]} error={errors[`attr.${d.key}`]} />
      ))}
    </div>
  );
}

function AttributeField({ def: d, value, error }: { def: Attribute; value: AttributeValue | undefined; error?: string }) {
  const name = `attr.${d.key}`;
  const label = d.required ? d.label : `${d.label} (optional)`;
  switch (d.type) {
    case "text":
      return <Input label={label} name={name} defaultValue={typeof value === "string" ? value : ""} error={error} maxLength={500} />;
    case "number":
      return <Input label={label} name={name} inputMode="decimal" defaultValue={typeof value === "number" ? String(value) : ""} error={error} />;
    case "enum":
      return <Select label={label} name={name} options={d.options.map((o) => ({ value: o, label: o }))} placeholder={d.required ? "Choose…" : "Not set"} defaultValue={typeof value === "string" ? value : ""} error={error} />;
    case "boolean": {
      const current = typeof value === "boolean" ? String(value) : "";
      const choices = [{ value: "true", label: "Yes" }, { value: "false", label: "No" }, ...(d.required ? [] : [{ value: "", label: "Not set" }])];
      return (
        <fieldset className="field">
          <legend>{label}</legend>
          <div className="chips">
            {choices.map((c) => (
              <label key={c.value} className="chip">
                <input type="radio" name={name} value={c.value} defaultChecked={current === c.value} />
                <span>{c.label}</span>
              </label>
            ))}
          </div>
          {error && <span className="error" role="alert">{error}</span>}
        </fieldset>
      );
    }
    case "unit": {
      const v = typeof value === "object" && value !== null ? value : null;
      const id = `attr-${d.key}`;
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <div className="attr-unit">
            <input id={id} className="input" name={name} inputMode="decimal" defaultValue={v ? String(v.value) : ""} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} autoComplete="off" />
            <select className="input" name={`${name}.unit`} aria-label={`${d.label}: unit`} defaultValue={v?.unit ?? d.options[0]}>
              {d.options.map((o) => (
                <option key={o} value={o}>{o}</option>
              ))}
            </select>
          </div>
          {error && <span id={`${id}-error`} className="error" role="alert">{error}</span>}
        </div>
      );
    }
  }
}
