import { ApiProblem } from "../../lib/api-client";

/** The API's message for one field, if the failed save named it. */
export function fieldMessage(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.errors.find((e) => e.path === path)?.message;
}

/** Whether `path` names an item of the list field `list` (domains.2 of domains). */
export function isItemOf(path: string, list: string): boolean {
  return path.startsWith(`${list}.`) && /^\d+$/.test(path.slice(list.length + 1));
}

/**
 * A list field's message (one input holding several values, as "a.com, b.com"): its own, else
 * its first item's, said by position ("item 3 is not a domain") since the items have no field.
 */
export function listMessage(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  const own = fieldMessage(error, path);
  if (own) return own;
  const item = error.errors.find((e) => isItemOf(e.path, path));
  return item && `item ${Number(item.path.slice(path.length + 1)) + 1} ${item.message}`;
}

/**
 * A field's error right under it. The message is a predicate ("must be a whole number") read
 * after the field's own label, so it starts with the label's words; `id` ties it to the input
 * through aria-describedby. It usually sits inside the field's <label>, so it is hidden from the
 * label's own text (aria-hidden): a screen reader then says it once, as the field's description
 * ("Team name, invalid, Is required"), not also as part of its name.
 */
export function FieldError({
  error,
  path,
  id,
  list = false,
}: {
  error: unknown;
  path: string;
  id: string;
  /** A list field: shows its items' errors too (listMessage). */
  list?: boolean;
}) {
  const message = list ? listMessage(error, path) : fieldMessage(error, path);
  if (!message) return null;
  return (
    <span id={id} className="field-error" aria-hidden="true">
      {message.charAt(0).toUpperCase()}
      {message.slice(1)}.
    </span>
  );
}
