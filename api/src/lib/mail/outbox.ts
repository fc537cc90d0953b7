import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { z } from "zod";
import { type MailMessage, mailKinds } from "./mail-message";

const entrySchema = z.object({
  id: z.string(),
  orgId: z.string().nullable(),
  kind: z.enum(mailKinds),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
});
export type OutboxEntry = z.infer<typeof entrySchema>;

/** A file cut short (a crash while writing) is skipped, not an error for the whole list. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface Outbox {
  readonly dir: string;
  write(message: MailMessage): Promise<void>;
  /** The newest messages about one organization; account mail (resets) is never listed. */
  list(orgId: string, limit: number): Promise<OutboxEntry[]>;
}

/**
 * Mail for an install with no mail server: each message becomes an .eml file (open it in any
 * mail client) and a .json beside it that Settings lists for the organization's owners. A
 * password reset is written but never listed: it would let an owner take over a member's
 * account; whoever runs the machine reads it from the folder.
 */
export function createOutbox(dir: string, from: string): Outbox {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    dir,
    async write(message) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const createdAt = new Date().toISOString();
      // Names sort by time, so listing reads the newest first without opening every file.
      const id = `${createdAt.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`;
      const { message: raw } = await composer.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await writeFile(join(dir, `${id}.eml`), raw, { mode: 0o600 });
      const entry: OutboxEntry = {
        id,
        orgId: message.orgId,
        kind: message.kind,
        to: message.to,
        subject: message.subject,
        text: message.text,
        createdAt,
      };
      await writeFile(join(dir, `${id}.json`), JSON.stringify(entry), { mode: 0o600 });
    },
    async list(orgId, limit) {
      const names = await readdir(dir).catch(() => []);
      const entries: OutboxEntry[] = [];
      for (const name of names
        .filter((n) => n.endsWith(".json"))
        .sort()
        .reverse()) {
        if (entries.length >= limit) break;
        const parsed = entrySchema.safeParse(parseJson(await readFile(join(dir, name), "utf8")));
        if (parsed.success && parsed.data.orgId === orgId) entries.push(parsed.data);
      }
      return entries;
    },
  };
}
