import { Link } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Variant = "primary" | "secondary" | "ghost" | "danger" | "provider";

const classes = (variant: Variant, size?: "small", block?: boolean, extra?: string) =>
  ["btn", variant !== "primary" && `btn-${variant}`, size === "small" && "btn-small", block && "btn-block", extra].filter(Boolean).join(" ");

/** The one button. Renders a <button>, or a link styled as one when `to`/`href` is given. */
export function Button({
  variant = "primary",
  size,
  block,
  to,
  href,
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: "small"; block?: boolean; to?: string; href?: string; children: ReactNode }) {
  const cls = classes(variant, size, block, className);
  if (to) return <Link to={to} className={cls}>{children}</Link>;
  if (href) return <a href={href} className={cls} aria-disabled={rest.disabled || undefined}>{children}</a>;
  return <button className={cls} {...rest}>{children}</button>;
}
