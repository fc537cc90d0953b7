import { createSecretBox, type SecretBox } from "../../lib/secret-box";

/** Chat webhook URLs are sealed with a key of their own, derived from the auth secret. */
export const chatUrlBox = (authSecret: string): SecretBox =>
  createSecretBox(authSecret, "chat-webhook-url");

/**
 * What Settings shows of a webhook URL: its host and the last characters, never enough to
 * post with it ("https://hooks.slack.com/…/x7Kq").
 */
export function maskWebhookUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…${url.slice(-4)}`;
}
