import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { ApiProblem } from "../../lib/api-client";
import { FieldError, fieldMessage, isItemOf, listMessage } from "./field-error";
import { checkForm, focusFirstError } from "./form-check";
import { ProblemMessage } from "./states";

/**
 * Every form's errors in our words, next to their fields: the form's own check before it is
 * sent (form-check.ts), then the API's field errors after, each once, under its field, tied by
 * aria-invalid and aria-describedby, with focus on the first field to fix. One hook so that no
 * form shows the browser's popups or says the same error twice.
 *
 *   const words = useFormWords(save.error);
 *   <form {...words.form(() => save.mutate(...))}>
 *     <input {...words.field("title")} required />
 *     {words.error("title")}
 *     {words.message()}
 */
export function useFormWords(serverError: unknown) {
  const ref = useRef<HTMLFormElement>(null);
  const ids = useId();
  const [local, setLocal] = useState<ApiProblem | null>(null);
  // Paths shown next to their fields; the summary line does not repeat their errors.
  const placed = useRef(new Set<string>());
  // List fields (one input, several values): their items' errors are theirs too.
  const lists = useRef(new Set<string>());
  const problem: unknown = local ?? serverError ?? null;

  // The API's answer comes after the send: put the cursor in the first field it names.
  useEffect(() => {
    if (ref.current && serverError) focusFirstError(ref.current, serverError);
  }, [serverError]);

  const errorId = (path: string) => `${ids}-${path}-error`;

  return {
    /** The error to show: the form's own check first, else the API's. */
    problem,
    /** True while the form's own check holds the send back (an older API error is not shown). */
    held: local !== null,
    /** The <form>'s props: no browser popups; our check, then `onValid`. */
    form(onValid: (event: FormEvent<HTMLFormElement>) => void) {
      return {
        ref,
        noValidate: true,
        onSubmit: (event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          const found = checkForm(event.currentTarget);
          setLocal(found);
          if (found) {
            focusFirstError(event.currentTarget, found);
            return;
          }
          onValid(event);
        },
        // A field fixed after a refused send loses its error as it is fixed; no field gains
        // one while the person is still typing.
        onChange: (event: FormEvent<HTMLFormElement>) => {
          if (!local) return;
          const again = checkForm(event.currentTarget);
          const shown = new Set(local.errors.map((e) => e.path));
          const still = (again?.errors ?? []).filter((e) => shown.has(e.path));
          if (still.length === local.errors.length) return;
          setLocal(
            still.length === 0 ? null : new ApiProblem(422, local.code, local.message, still),
          );
        },
      };
    },
    /** A field's props: its path as its name, and its error's state for assistive technology. */
    field(
      path: string,
      { describedBy, list = false }: { describedBy?: string; list?: boolean } = {},
    ) {
      placed.current.add(path);
      if (list) lists.current.add(path);
      const invalid = (list ? listMessage : fieldMessage)(problem, path) !== undefined;
      const described = [invalid ? errorId(path) : null, describedBy ?? null]
        .filter(Boolean)
        .join(" ");
      return {
        name: path,
        "aria-invalid": invalid ? true : undefined,
        "aria-describedby": described || undefined,
      } as const;
    },
    /** The field's error, under it. */
    error(path: string): ReactNode {
      return (
        <FieldError error={problem} path={path} id={errorId(path)} list={lists.current.has(path)} />
      );
    },
    /** What is not next to a field: how many fields need a change, or the API's words. */
    message(): ReactNode {
      return <FormProblem problem={problem} placed={placed} lists={lists} />;
    },
  };
}

/**
 * Reads the placed paths when it renders, after the fields before it in the form (field
 * components render after the form's own body, so a list built there would miss theirs).
 */
function FormProblem({
  problem,
  placed,
  lists,
}: {
  problem: unknown;
  placed: { current: Set<string> };
  lists: { current: Set<string> };
}) {
  const shown = [...placed.current];
  if (problem instanceof ApiProblem) {
    for (const { path } of problem.errors) {
      if ([...lists.current].some((list) => isItemOf(path, list))) shown.push(path);
    }
  }
  return <ProblemMessage error={problem} placed={shown} />;
}

/** What a field component takes to show its error the form's way. */
export type FormWords = ReturnType<typeof useFormWords>;
