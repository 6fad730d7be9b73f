import { useEffect, useRef, useState } from "react";
import { HandleSchema } from "../../workers/creators/schemas";
import { Input } from "./ui/field";

type Status = { state: "idle" } | { state: "checking" } | { state: "ok"; handle: string } | { state: "bad"; reason: string };

/** Handle field that checks format locally and availability against the API as you type. */
export function HandleInput({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const [status, setStatus] = useState<Status>({ state: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [value, setValue] = useState(defaultValue ?? "");

  useEffect(() => {
    clearTimeout(timer.current);
    if (!value) return setStatus({ state: "idle" });
    const local = HandleSchema.safeParse(value);
    if (!local.success) return setStatus({ state: "bad", reason: local.error.issues[0]!.message });
    setStatus({ state: "checking" });
    const ctrl = new AbortController();
    timer.current = setTimeout(async () => {
      try {
        const res = await fetch(`/api/v1/creators/handles/${encodeURIComponent(local.data)}`, { signal: ctrl.signal });
        const body = (await res.json()) as { available: boolean; reason: string | null; handle: string };
        setStatus(body.available ? { state: "ok", handle: body.handle } : { state: "bad", reason: body.reason ?? "Not available" });
      } catch {
        /* aborted or offline: the server checks again on submit */
      }
    }, 300);
    return () => ctrl.abort();
  }, [value]);

  const hint =
    status.state === "checking" ? "Checking…" : status.state === "ok" ? <span style={{ color: "var(--color-success)" }}>✓ tandem.to/@{status.handle} is yours to claim</span> : "Your storefront lives at /@handle. Letters, numbers, dots and underscores.";
  return (
    <Input
      label="Handle"
      name="handle"
      prefix="@"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      hint={hint}
      liveError={status.state === "bad" ? status.reason : undefined}
      error={error}
    />
  );
}
