/** How long one post may take; the claim's lease is far longer, so no other instance resends. */
const TIMEOUT_MS = 10_000;

/** Posts a message to an incoming webhook; throws with the reason on anything but 2xx. */
export async function postWebhook(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: "error",
  });
  if (!response.ok) {
    const detail = (await response.text().catch(() => "")).slice(0, 200);
    throw new Error(`the webhook answered ${response.status}${detail ? `: ${detail}` : ""}`);
  }
}
