import type { FieldError } from "../../lib/errors";

type Unit = "count" | "percent" | "currency" | "duration";

/** How far past its range (in range widths) a value may fall before we ask whether it is right. */
const FAR_OUTSIDE_WIDTHS = 2;

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** What no value of the unit can be: a negative or fractional count, a negative share or time. */
function impossible(unit: Unit, value: number, path: string): FieldError | null {
  if (unit === "count" && !Number.isInteger(value)) {
    return { path, message: `must be a whole number: a count cannot be ${number.format(value)}` };
  }
  if ((unit === "count" || unit === "percent" || unit === "duration") && value < 0) {
    const what = unit === "count" ? "a count" : unit === "percent" ? "a share" : "a duration";
    return { path, message: `cannot be negative: ${what} starts at 0` };
  }
  return null;
}

/** The start and target of a key result: possible for its unit, and not the same number. */
export function rangeErrors(unit: Unit, start: number, target: number): FieldError[] {
  const errors = [impossible(unit, start, "start"), impossible(unit, target, "target")].filter(
    (e): e is FieldError => e !== null,
  );
  if (start === target) {
    errors.push({
      path: "target",
      message: "must differ from the start, or there is no progress to measure",
    });
  }
  return errors;
}

/**
 * A check-in's value: refused when impossible for the unit; when far outside the range from
 * start to target (5,000 on a target of 1,320, a slip of the keyboard more often than not),
 * accepted only with `confirm: true`.
 */
export function checkInValueErrors(
  keyResult: { unit: Unit; startValue: number; targetValue: number },
  value: number,
  confirmed: boolean,
): FieldError[] {
  const wrong = impossible(keyResult.unit, value, "value");
  if (wrong) return [wrong];
  if (confirmed) return [];
  const low = Math.min(keyResult.startValue, keyResult.targetValue);
  const high = Math.max(keyResult.startValue, keyResult.targetValue);
  const width = high - low;
  if (value < low - FAR_OUTSIDE_WIDTHS * width || value > high + FAR_OUTSIDE_WIDTHS * width) {
    return [
      {
        path: "confirm",
        message: `${number.format(value)} is far outside the range from ${number.format(keyResult.startValue)} to ${number.format(keyResult.targetValue)}: check it, then confirm it is right`,
      },
    ];
  }
  return [];
}
