import type { MailMessage } from "./mail-message";
import { renderEmail } from "./render-email";

export function invitationMail(input: {
  to: string;
  organizationName: string;
  inviterName: string;
  role: string;
  acceptUrl: string;
  expiresAt: Date;
  orgId: string;
}): MailMessage {
  const rendered = renderEmail({
    subject: `${input.inviterName} invited you to ${input.organizationName} on Tandem`,
    title: `Join ${input.organizationName} on Tandem`,
    blocks: [
      {
        kind: "paragraph",
        text: `${input.inviterName} invited you as ${input.role === "exec" ? "an" : "a"} ${input.role}. Tandem tracks one revenue number for sales and marketing together.`,
      },
      { kind: "action", label: "Accept the invitation", url: input.acceptUrl },
      {
        kind: "paragraph",
        text: `Sign in or sign up with ${input.to} to accept. The invitation expires on ${input.expiresAt.toISOString().slice(0, 10)}.`,
      },
    ],
    footer: "If you did not expect this, ignore it: nobody joins without accepting.",
  });
  return { ...rendered, to: input.to, kind: "invitation", orgId: input.orgId };
}

export function passwordResetMail(input: {
  to: string;
  name: string;
  resetUrl: string;
}): MailMessage {
  const rendered = renderEmail({
    subject: "Reset your Tandem password",
    title: "Reset your password",
    blocks: [
      {
        kind: "paragraph",
        text: `Hello ${input.name}, someone (hopefully you) asked to reset the password of ${input.to}.`,
      },
      { kind: "action", label: "Choose a new password", url: input.resetUrl },
      { kind: "paragraph", text: "The link works once, for one hour." },
    ],
    footer: "If you did not ask, ignore this email: your password stays as it is.",
  });
  return { ...rendered, to: input.to, kind: "password_reset", orgId: null };
}
