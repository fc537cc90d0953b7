import Bowser from "bowser";

export interface Device {
  /** "Firefox 132 on macOS", or "Unknown device" when the agent says nothing useful. */
  label: string;
  kind: "desktop" | "mobile" | "tablet" | "tv" | "other";
}

const platformKinds = ["desktop", "mobile", "tablet", "tv"] as const;

function kindOf(type: string | undefined): Device["kind"] {
  return platformKinds.find((kind) => kind === type) ?? "other";
}

/** What a person recognises a session by: the browser and system its user agent names. */
export function describeDevice(userAgent: string | null): Device {
  if (!userAgent) return { label: "Unknown device", kind: "other" };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name
    ? [parsed.browser.name, major].filter(Boolean).join(" ")
    : null;
  const os = parsed.os.name ?? null;
  const label = browser && os ? `${browser} on ${os}` : (browser ?? os ?? "Unknown device");
  return { label, kind: kindOf(parsed.platform.type) };
}
