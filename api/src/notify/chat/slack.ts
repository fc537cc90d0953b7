import type { EmailBlock, EmailContent } from "../../lib/mail/render-email";

// Slack's mrkdwn reads &, < and > as markup (links, mentions): they are escaped in our text.
const escapeMrkdwn = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

function blocksOf(block: EmailBlock): unknown[] {
  switch (block.kind) {
    case "heading":
      return [section(`*${escapeMrkdwn(block.text)}*`)];
    case "paragraph":
      return [section(escapeMrkdwn(block.text))];
    case "list":
      return block.items.length
        ? [section(block.items.map((i) => `• ${escapeMrkdwn(i)}`).join("\n"))]
        : [];
    case "facts": {
      // A section holds at most 10 fields.
      const sections: unknown[] = [];
      for (let i = 0; i < block.rows.length; i += 10) {
        sections.push({
          type: "section",
          fields: block.rows.slice(i, i + 10).map(([label, value]) => ({
            type: "mrkdwn",
            text: `*${escapeMrkdwn(label)}*\n${escapeMrkdwn(value)}`,
          })),
        });
      }
      return sections;
    }
    case "action":
      return [
        {
          type: "actions",
          elements: [
            { type: "button", text: { type: "plain_text", text: block.label }, url: block.url },
          ],
        },
      ];
  }
}

/** A Slack incoming-webhook body: Block Kit, with `text` for notifications and old clients. */
export function slackMessage(content: EmailContent) {
  return {
    text: content.subject,
    blocks: [
      { type: "header", text: { type: "plain_text", text: content.title.slice(0, 150) } },
      ...content.blocks.flatMap(blocksOf),
      ...(content.footer
        ? [{ type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(content.footer) }] }]
        : []),
    ],
  };
}
