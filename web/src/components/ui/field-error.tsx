import { ApiProblem } from "../../lib/api-client";

/** The API's message for one field, if the failed save named it. */
export function fieldMessage(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiProblem)) return undefined;
  return error.errors.find((e) => e.path === path)?.message;
}

/**
 * A field's error right under it. The message is a predicate ("must be a whole number") read
 * after the field's own label, so it starts with the label's words; `id` ties it to the input
 * through aria-describedby. It usually sits inside the field's <label>, so it is hidden from the
 * label's own text (aria-hidden): a screen reader then says it once, as the field's description
 * ("Team name, invalid, Is required"), not also as part of its name.
 */
export function FieldError({ error, path, id }: { error: unknown; path: string; id: string }) {
  const message = fieldMessage(error, path);
  if (!message) return null;
  return (
    <span id={id} className="field-error" aria-hidden="true">
      {message.charAt(0).toUpperCase()}
      {message.slice(1)}.
    </span>
  );
}
