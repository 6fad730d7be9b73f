/** Small line icons for the catalog console (inline SVG, currentColor). */
const Svg = ({ d, label }: { d: string; label?: string }) => (
  <svg className="icon" viewBox="0 0 20 20" aria-hidden={label ? undefined : true} role={label ? "img" : undefined} aria-label={label}>
    <path d={d} fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const GripIcon = () => (
  <svg className="icon" viewBox="0 0 20 20" aria-hidden="true">
    {[6, 10, 14].flatMap((y) => [7.5, 12.5].map((x) => <circle key={`${x}-${y}`} cx={x} cy={y} r="1.4" fill="currentColor" />))}
  </svg>
);
export const UpIcon = () => <Svg d="M10 15V5M5.5 9.5 10 5l4.5 4.5" />;
export const DownIcon = () => <Svg d="M10 5v10M5.5 10.5 10 15l4.5-4.5" />;
export const IndentIcon = () => <Svg d="M5 5v4a2 2 0 0 0 2 2h8M12 8l3 3-3 3" />;
export const OutdentIcon = () => <Svg d="M15 5v4a2 2 0 0 1-2 2H5M8 8l-3 3 3 3" />;
export const PlusIcon = () => <Svg d="M10 4.5v11M4.5 10h11" />;
export const ImageIcon = () => <Svg d="M4 5.5h12v9H4zM4 12l3.5-3 3 2.5 2-1.5L16 12.5M12.5 8.2h.01" />;
export const UploadIcon = () => <Svg d="M10 13V4M6.5 7.5 10 4l3.5 3.5M4.5 12.5v3h11v-3" />;
