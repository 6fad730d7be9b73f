import { FONT_PAIRS, RADII } from "../../../workers/storefronts/blocks";
import type { Theme } from "../storefront/types";

const COLOURS: { key: keyof Theme; label: string }[] = [
  { key: "background", label: "Background" },
  { key: "surface", label: "Cards" },
  { key: "text", label: "Text" },
  { key: "muted", label: "Secondary text" },
  { key: "accent", label: "Accent" },
  { key: "accentText", label: "Text on accent" },
];
const FONT_NAMES: Record<(typeof FONT_PAIRS)[number], string> = { modern: "Modern sans", editorial: "Editorial serif", friendly: "Friendly rounded", mono: "Monospace accents" };
const RADIUS_NAMES: Record<(typeof RADII)[number], string> = { none: "Square", soft: "Soft", round: "Round" };

/** Theme tokens: colours, a font pairing and corner radius, applied live to the preview. */
export function ThemePanel({ theme, onChange }: { theme: Theme; onChange: (t: Theme) => void }) {
  return (
    <div className="ed-fields">
      <div className="ed-swatches">
        {COLOURS.map((c) => (
          <label key={c.key} className="ed-swatch">
            <input type="color" value={theme[c.key] as string} onChange={(e) => onChange({ ...theme, [c.key]: e.target.value })} aria-label={c.label} />
            <span>{c.label}</span>
          </label>
        ))}
      </div>
      <div className="ed-field">
        <label htmlFor="theme-font">Fonts</label>
        <select id="theme-font" value={theme.font} onChange={(e) => onChange({ ...theme, font: e.target.value as Theme["font"] })}>
          {FONT_PAIRS.map((f) => (
            <option key={f} value={f}>
              {FONT_NAMES[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="ed-field">
        <span className="ed-label">Corners</span>
        <div className="ed-segmented" role="radiogroup" aria-label="Corners">
          {RADII.map((r) => (
            <label key={r} className={theme.radius === r ? "ed-seg ed-seg-on" : "ed-seg"}>
              <input type="radio" name="radius" checked={theme.radius === r} onChange={() => onChange({ ...theme, radius: r })} />
              {RADIUS_NAMES[r]}
            </label>
          ))}
        </div>
      </div>
    </div>
  );
}
