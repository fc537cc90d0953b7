export const mailKinds = [
  "invitation",
  "password_reset",
  "reminder",
  "escalation",
  "digest",
  "alert",
] as const;
export type MailKind = (typeof mailKinds)[number];

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: MailKind;
  /** The organization it is about; null for account mail (a password reset). */
  orgId: string | null;
}
