import type { EmailBlock, EmailContent } from "../../lib/mail/render-email";

const text = (value: string, extra: Record<string, unknown> = {}) => ({
  type: "TextBlock",
  text: value,
  wrap: true,
  ...extra,
});

function elementsOf(block: EmailBlock): unknown[] {
  switch (block.kind) {
    case "heading":
      return [text(block.text, { weight: "Bolder", spacing: "Medium" })];
    case "paragraph":
      return [text(block.text)];
    case "list":
      return block.items.length ? [text(block.items.map((i) => `- ${i}`).join("\n"))] : [];
    case "facts":
      return [{ type: "FactSet", facts: block.rows.map(([title, value]) => ({ title, value })) }];
    case "action":
      return [];
  }
}

/**
 * A Microsoft Teams incoming-webhook body (Workflows and the older connectors both take it):
 * one Adaptive Card, its links as OpenUrl actions.
 */
export function teamsMessage(content: EmailContent) {
  const actions = content.blocks.flatMap((b) =>
    b.kind === "action" ? [{ type: "Action.OpenUrl", title: b.label, url: b.url }] : [],
  );
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            text(content.title, { size: "Large", weight: "Bolder" }),
            ...content.blocks.flatMap(elementsOf),
            ...(content.footer ? [text(content.footer, { size: "Small", isSubtle: true })] : []),
          ],
          actions,
        },
      },
    ],
  };
}
