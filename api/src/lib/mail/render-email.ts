/** One piece of an email, rendered both as HTML and as plain text. */
export type EmailBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "facts"; rows: Array<[label: string, value: string]> }
  | { kind: "action"; label: string; url: string };

export interface EmailContent {
  subject: string;
  /** The first line, large. */
  title: string;
  blocks: EmailBlock[];
  /** Small print: why this arrived and how to stop it. */
  footer?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case "heading":
      return `${block.text}\n${"-".repeat(block.text.length)}`;
    case "paragraph":
      return block.text;
    case "list":
      return block.items.map((item) => `- ${item}`).join("\n");
    case "facts": {
      const width = Math.max(...block.rows.map(([label]) => label.length));
      return block.rows
        .map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`)
        .join("\n");
    }
    case "action":
      return `${block.label}: ${block.url}`;
  }
}

// Inline styles and tables only: mail clients drop <style> sheets and most modern CSS.
const font = "font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif";

function blockHtml(block: EmailBlock): string {
  switch (block.kind) {
    case "heading":
      return `<h2 style="${font};font-size:16px;margin:24px 0 8px;color:#111827">${escapeHtml(block.text)}</h2>`;
    case "paragraph":
      return `<p style="${font};font-size:14px;line-height:1.5;margin:0 0 12px;color:#374151">${escapeHtml(block.text)}</p>`;
    case "list":
      return `<ul style="${font};font-size:14px;line-height:1.5;margin:0 0 12px;padding-left:20px;color:#374151">${block.items
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join("")}</ul>`;
    case "facts":
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px;width:100%">${block.rows
        .map(
          ([label, value]) =>
            `<tr><td style="${font};font-size:14px;padding:4px 12px 4px 0;color:#6b7280;white-space:nowrap">${escapeHtml(label)}</td><td style="${font};font-size:14px;padding:4px 0;color:#111827;font-weight:600">${escapeHtml(value)}</td></tr>`,
        )
        .join("")}</table>`;
    case "action":
      return `<p style="margin:16px 0"><a href="${escapeHtml(block.url)}" style="${font};display:inline-block;background:#4f46e5;color:#ffffff;text-decoration:none;font-size:14px;font-weight:600;padding:10px 18px;border-radius:6px">${escapeHtml(block.label)}</a></p><p style="${font};font-size:12px;color:#6b7280;margin:0 0 12px;word-break:break-all">${escapeHtml(block.url)}</p>`;
  }
}

/** The same content as an HTML email and its plain-text part (what a text-only client shows). */
export function renderEmail(content: EmailContent): RenderedEmail {
  const text = [content.title, "", ...content.blocks.map(blockText).flatMap((t) => [t, ""])]
    .concat(content.footer ? ["--", content.footer] : [])
    .join("\n")
    .trimEnd();
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(content.subject)}</title></head><body style="margin:0;padding:0;background:#f3f4f6"><table role="presentation" width="100%" style="border-collapse:collapse;background:#f3f4f6"><tr><td align="center" style="padding:24px 12px"><table role="presentation" width="100%" style="border-collapse:collapse;max-width:600px;background:#ffffff;border-radius:8px"><tr><td style="padding:24px"><p style="${font};font-size:12px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:#4f46e5;margin:0 0 8px">Tandem</p><h1 style="${font};font-size:20px;margin:0 0 16px;color:#111827">${escapeHtml(content.title)}</h1>${content.blocks
    .map(blockHtml)
    .join(
      "",
    )}${content.footer ? `<p style="${font};font-size:12px;color:#6b7280;border-top:1px solid #e5e7eb;padding-top:12px;margin:24px 0 0">${escapeHtml(content.footer)}</p>` : ""}</td></tr></table></td></tr></table></body></html>`;
  return { subject: content.subject, text, html };
}
