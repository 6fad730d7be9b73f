import type { HTMLAttributes, ReactNode } from "react";

/** The one card. */
export function Card({ raised, children, className, as: Tag = "section", ...rest }: HTMLAttributes<HTMLElement> & { raised?: boolean; children: ReactNode; as?: "section" | "div" | "article" }) {
  return (
    <Tag className={["card", raised && "card-raised", className].filter(Boolean).join(" ")} {...rest}>
      {children}
    </Tag>
  );
}
