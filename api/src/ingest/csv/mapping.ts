import type { IngestKind } from "@tandem/db/queries/ingest";
import { fieldOf, type RecordField, recordFields, requiredFields } from "../fields";
import { type CsvPreset, presetRules } from "./presets";

/** One record field read from one CSV column. */
export interface FieldColumn {
  field: RecordField;
  /** Position of the column in the header. */
  column: number;
  header: string;
  firstOfList: boolean;
  /** Columns whose cell is read where this column's is blank. */
  fallbacks: readonly { column: number; header: string }[];
}

export interface MappingProblem {
  path: string;
  message: string;
}

export type Mapping =
  | { ok: true; columns: FieldColumn[] }
  | { ok: false; problems: MappingProblem[] };

/** An explicit "Column name=field" pair, split at the last "=" since headers may hold one. */
export interface ColumnOverride {
  column: string;
  field: string;
}

export function parseOverride(text: string): ColumnOverride | null {
  const at = text.lastIndexOf("=");
  if (at <= 0 || at === text.length - 1) return null;
  return { column: text.slice(0, at).trim(), field: text.slice(at + 1).trim() };
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Decides which column feeds each field, most specific first: an explicit override, then the
 * preset's columns, then a column named like the field ("createdAt", "created_at", "Created At").
 */
export function resolveMapping(
  kind: IngestKind,
  header: readonly string[],
  options: { preset?: CsvPreset; overrides?: readonly ColumnOverride[] },
): Mapping {
  const problems: MappingProblem[] = [];
  const byName = new Map<string, number>();
  header.forEach((name, index) => {
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, index);
  });
  const byNormalised = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normalise(name);
    if (!byNormalised.has(key)) byNormalised.set(key, index);
  });

  const chosen = new Map<RecordField, FieldColumn>();
  const take = (
    field: RecordField,
    column: number,
    firstOfList = false,
    fallbackNames: readonly string[] = [],
  ) =>
    chosen.set(field, {
      field,
      column,
      header: header[column] ?? "",
      firstOfList,
      fallbacks: fallbackNames.flatMap((name) => {
        const index = byName.get(name.toLowerCase());
        return index === undefined || index === column ? [] : [{ column: index, header: name }];
      }),
    });

  for (const override of options.overrides ?? []) {
    const field = fieldOf(kind, override.field);
    if (!field) {
      problems.push({
        path: override.field,
        message: `is not a field of ${kind}; the fields are ${recordFields[kind].join(", ")}`,
      });
      continue;
    }
    const column = byName.get(override.column.toLowerCase());
    if (column === undefined) {
      problems.push({
        path: field,
        message: `the column "${override.column}" is not in the header`,
      });
      continue;
    }
    take(field, column);
  }

  const rules = options.preset ? presetRules[options.preset][kind] : undefined;
  for (const field of recordFields[kind]) {
    if (chosen.has(field)) continue;
    const rule = rules?.[field];
    const fromPreset = rule?.columns
      .map((name) => byName.get(name.toLowerCase()))
      .find((index) => index !== undefined);
    if (rule && fromPreset !== undefined) {
      take(field, fromPreset, rule.firstOfList ?? false, rule.fallback);
      continue;
    }
    const sameName = byNormalised.get(normalise(field));
    if (sameName !== undefined) take(field, sameName);
  }

  for (const field of requiredFields[kind]) {
    if (chosen.has(field)) continue;
    const expected = rules?.[field]?.columns.map((c) => `"${c}"`).join(" or ");
    problems.push({
      path: field,
      message: expected
        ? `no column for this required field: expected ${expected}, or map one with "Column=${field}"`
        : options.preset
          ? `no column for this required field: the ${options.preset} preset has no ${kind} column for it; map one with "Column=${field}"`
          : `no column for this required field: name a column "${field}" or map one with "Column=${field}"`,
    });
  }
  if (kind === "deals" && !chosen.has("stage") && !chosen.has("status")) {
    const expected = rules?.stage?.columns.map((c) => `"${c}"`).join(" or ");
    problems.push({
      path: "stage",
      message: `no column for the deal's stage or status: ${expected ? `expected ${expected}, or` : 'name a column "stage" or "status", or'} map one with "Column=stage"`,
    });
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, columns: [...chosen.values()] };
}
