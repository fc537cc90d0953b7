import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { MailMessage } from "./mail-message";
import { createOutbox, type Outbox } from "./outbox";

export interface Mailer {
  /** "smtp": handed to the mail server; "outbox": written to the data folder. */
  readonly mode: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
  /** The outbox, when mail goes there; owners read it in Settings. */
  readonly outbox: Outbox | null;
  close(): void;
}

export interface MailerOptions {
  /** TANDEM_SMTP_URL: smtp://user:pass@host:587 or smtps://…; absent: the outbox. */
  smtpUrl?: string;
  /** TANDEM_MAIL_FROM. */
  from: string;
  /** Where the outbox keeps messages when there is no SMTP server. */
  outboxDir: string;
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) {
    const outbox = createOutbox(options.outboxDir, options.from);
    return { mode: "outbox", outbox, send: (message) => outbox.write(message), close() {} };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    mode: "smtp",
    outbox: null,
    async send(message) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close: () => transport.close(),
  };
}

/** For apps built without one (benchmarks): an outbox in the system's temporary folder. */
export function temporaryMailer(): Mailer {
  return createMailer({
    from: "Tandem <tandem@localhost>",
    outboxDir: join(tmpdir(), `tandem-outbox-${process.pid}`),
  });
}
