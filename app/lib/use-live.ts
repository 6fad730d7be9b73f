import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** Re-runs the page's loaders every `ms` while the tab is visible, so dashboards stay fresh. */
export function useLive(ms = 5_000) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === "visible" && state === "idle") revalidate();
    }, ms);
    return () => clearInterval(id);
  }, [ms, revalidate, state]);
}
