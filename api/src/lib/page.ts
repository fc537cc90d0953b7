/**
 * A page of a list read with one row more than asked for: the extra row is not shown, it only
 * says that another page follows, which starts after the cursor of this page's last row.
 */
export function pageOf<R, J>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => J,
  cursorOf: (row: R) => string,
): { items: J[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null,
  };
}
