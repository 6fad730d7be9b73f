import { Form, Link, useNavigation, useSubmit } from "@remix-run/react";
import { useState } from "react";
import { ATTRIBUTE_TYPE_LABEL, attributeKey, type Attribute, type AttributeType, type Category } from "../../lib/catalog";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Input, Select } from "../ui/field";
import type { CategoryResult } from "./add-category-form";
import { ConfirmButton } from "./confirm-button";

const TYPE_OPTIONS = (Object.keys(ATTRIBUTE_TYPE_LABEL) as AttributeType[]).map((t) => ({ value: t, label: ATTRIBUTE_TYPE_LABEL[t] }));

/** What a category asks of its products: its own attributes and those it inherits, and a form to add one. */
export function AttributesPanel({ category, categories, attributes, canManage, result }: { category: Category | null; categories: Category[]; attributes: Attribute[]; canManage: boolean; result?: CategoryResult }) {
  if (!category) {
    return (
      <Card id="attributes" className="attr-panel">
        <h2>Attributes</h2>
        <p className="muted small">Select a category to see the fields its products fill in, such as material or size. Subcategories inherit their parent’s attributes.</p>
      </Card>
    );
  }
  const nameOf = (id: string) => categories.find((c) => c.id === id)?.name ?? "a parent";
  return (
    <Card id="attributes" className="attr-panel">
      <h2>Attributes of {category.name}</h2>
      <p className="muted small">Products in {category.path.join(" › ")} fill these in. Subcategories inherit them.</p>
      {result?.intent === "delete-attribute" && result.ok === false && <div className="alert alert-error" role="alert">{result.message}</div>}
      {attributes.length === 0 ? (
        <p className="attr-empty small">No attributes yet.{canManage ? " Add the first one below." : ""}</p>
      ) : (
        <ul className="attr-list">
          {attributes.map((a) => (
            <AttributeRow key={a.id} attribute={a} categoryId={category.id} inheritedFrom={a.inherited ? { id: a.categoryId, name: nameOf(a.categoryId) } : null} canManage={canManage} />
          ))}
        </ul>
      )}
      {canManage && <AddAttributeForm key={result?.intent === "add-attribute" && result.ok ? result.id : category.id} categoryId={category.id} result={result?.intent === "add-attribute" ? result : undefined} />}
    </Card>
  );
}

function AttributeRow({ attribute: a, categoryId, inheritedFrom, canManage }: { attribute: Attribute; categoryId: string; inheritedFrom: { id: string; name: string } | null; canManage: boolean }) {
  const submit = useSubmit();
  return (
    <li className="attr-row" data-inherited={inheritedFrom ? "true" : undefined}>
      <div className="attr-main">
        <div className="attr-title">
          <strong>{a.label}</strong>
          {a.required && <span className="badge badge-unverified">Required</span>}
          {inheritedFrom && (
            <Link className="badge badge-neutral attr-inherited" to={`?category=${encodeURIComponent(inheritedFrom.id)}`} preventScrollReset replace>
              Inherited from {inheritedFrom.name}
            </Link>
          )}
        </div>
        <div className="small muted">
          <code>{a.key}</code> · {ATTRIBUTE_TYPE_LABEL[a.type]}
          {a.options.length > 0 && <> · {a.options.join(", ")}</>}
        </div>
      </div>
      {canManage && !inheritedFrom && (
        <ConfirmButton
          label="Remove"
          confirmLabel="Remove"
          question={`Remove ${a.label}?`}
          onConfirm={() => submit({ intent: "delete-attribute", categoryId, attributeId: a.id }, { method: "post", preventScrollReset: true })}
        />
      )}
    </li>
  );
}

function AddAttributeForm({ categoryId, result }: { categoryId: string; result?: CategoryResult }) {
  const [label, setLabel] = useState("");
  const [key, setKey] = useState<string | null>(null);
  const [type, setType] = useState<AttributeType>("text");
  const nav = useNavigation();
  const busy = nav.state === "submitting" && nav.formData?.get("intent") === "add-attribute";
  const e = result?.ok === false ? (result.errors ?? {}) : {};
  const withOptions = type === "enum" || type === "unit";
  return (
    <Form method="post" className="attr-form" preventScrollReset noValidate>
      <h3>Add an attribute</h3>
      <input type="hidden" name="intent" value="add-attribute" />
      <input type="hidden" name="categoryId" value={categoryId} />
      {result?.ok === false && Object.keys(e).length === 0 && <div className="alert alert-error" role="alert">{result.message}</div>}
      {result?.ok && <p className="small muted" role="status">Added {result.name}.</p>}
      <div className="attr-form-grid">
        <Input label="Label" name="label" placeholder="e.g. Material" value={label} onChange={(ev) => setLabel(ev.currentTarget.value)} error={e.label} maxLength={80} autoComplete="off" />
        <Input
          label="Key"
          name="key"
          value={key ?? attributeKey(label)}
          onChange={(ev) => setKey(ev.currentTarget.value)}
          error={e.key}
          hint={<>In CSV imports: <code>attr.{key ?? (attributeKey(label) || "key")}</code></>}
          autoComplete="off"
          spellCheck={false}
        />
        <Select label="Type" name="type" options={TYPE_OPTIONS} value={type} onChange={(ev) => setType(ev.currentTarget.value as AttributeType)} error={e.type} />
        {withOptions && (
          <Input
            label={type === "enum" ? "Allowed values" : "Allowed units"}
            name="options"
            placeholder={type === "enum" ? "cotton, linen, silk" : "cm, in"}
            hint="Separate them with commas"
            error={e.options}
            autoComplete="off"
          />
        )}
      </div>
      <label className="check">
        <input type="checkbox" name="required" value="true" />
        <span>
          Required
          <span className="muted small"> — every product in this category must have it</span>
        </span>
      </label>
      {e.required && <p className="error small" role="alert">{result?.message}</p>}
      <div>
        <Button type="submit" disabled={busy}>{busy ? "Adding…" : "Add attribute"}</Button>
      </div>
    </Form>
  );
}
