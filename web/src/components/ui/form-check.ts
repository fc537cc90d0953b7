import { ApiProblem } from "../../lib/api-client";

/**
 * A form's own check before it is sent, in our words instead of the browser's popups
 * ("Please fill out this field"). Forms are `noValidate`; the browser still works out each
 * field's validity from its attributes (required, min, max, type, minLength, pattern), and this
 * turns the first broken rule of each named field into the predicate its label reads with, as
 * the API's field errors do (decision 035): "is required", "must be at least 1".
 */

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isControl(element: Element): element is Control {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  );
}

const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** A bound as the person typed it: 1,000 for a number, "Mar 31, 2026" for a date. */
function bound(control: Control, value: string): string {
  if (control instanceof HTMLInputElement && control.type === "date") {
    const instant = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(instant.getTime()) ? value : day.format(instant);
  }
  const n = Number(value);
  return Number.isFinite(n) ? plain.format(n) : value;
}

/** Text that is only spaces is as empty as no text: the API trims it. */
function blank(control: Control): boolean {
  if (!(control instanceof HTMLInputElement) && !(control instanceof HTMLTextAreaElement)) {
    return false;
  }
  const textual =
    control instanceof HTMLTextAreaElement ||
    !/^(number|date|checkbox|radio|file)$/.test(control.type);
  return control.required && textual && control.value.trim() === "";
}

/** The predicate for a control's first broken rule, or null when it is fine. */
export function controlMessage(control: Control): string | null {
  const { validity } = control;
  if (validity.valueMissing || blank(control)) {
    if (control instanceof HTMLSelectElement) return "must be chosen";
    if (control instanceof HTMLInputElement && control.type === "file") return "needs a file";
    return "is required";
  }
  if (validity.badInput) {
    return control instanceof HTMLInputElement && control.type === "date"
      ? "must be a date"
      : "must be a number";
  }
  if (validity.typeMismatch) {
    if (control instanceof HTMLInputElement && control.type === "email") {
      return "must be an email address, like name@company.com";
    }
    if (control instanceof HTMLInputElement && control.type === "url") {
      return "must be a web address, like https://example.com";
    }
    return "is not in the expected form";
  }
  const input = control instanceof HTMLInputElement ? control : null;
  if (validity.rangeUnderflow && input) {
    return input.type === "date"
      ? `must be on or after ${bound(input, input.min)}`
      : `must be at least ${bound(input, input.min)}`;
  }
  if (validity.rangeOverflow && input) {
    return input.type === "date"
      ? `must be on or before ${bound(input, input.max)}`
      : `must be at most ${bound(input, input.max)}`;
  }
  if (validity.stepMismatch && input) {
    const step = input.step === "" ? 1 : Number(input.step);
    return step === 1 ? "must be a whole number" : `must be a multiple of ${plain.format(step)}`;
  }
  // The browser flags tooShort only after typing, not for a value set by the page.
  const short =
    "minLength" in control &&
    control.minLength > 0 &&
    control.value.length > 0 &&
    control.value.length < control.minLength;
  if ((validity.tooShort || short) && "minLength" in control) {
    return `must be at least ${plain.format(control.minLength)} characters`;
  }
  if (validity.tooLong && "maxLength" in control) {
    return `must be at most ${plain.format(control.maxLength)} characters`;
  }
  if (validity.patternMismatch) {
    // The pattern's meaning in words, written beside it on the input.
    return control.dataset.patternWords ?? "is not in the expected form";
  }
  if (validity.customError) return control.validationMessage.replace(/[.\s]+$/, "");
  return null;
}

/** Each named field's first broken rule, in the order of the form; null when all are fine. */
export function checkForm(form: HTMLFormElement): ApiProblem | null {
  const errors: { path: string; message: string }[] = [];
  for (const element of Array.from(form.elements)) {
    if (!isControl(element) || !element.name || element.disabled) continue;
    if (errors.some((e) => e.path === element.name)) continue;
    const message = controlMessage(element);
    if (message) errors.push({ path: element.name, message });
  }
  if (errors.length === 0) return null;
  return new ApiProblem(422, "form_check", "Some fields need a change.", errors);
}

/** Moves focus to the first field of the form that a problem names, in the form's order. */
export function focusFirstError(form: HTMLFormElement, problem: unknown): void {
  if (!(problem instanceof ApiProblem) || problem.errors.length === 0) return;
  const paths = new Set(problem.errors.map((e) => e.path));
  for (const element of Array.from(form.elements)) {
    if (isControl(element) && element.name && paths.has(element.name) && !element.disabled) {
      element.focus();
      return;
    }
  }
}
