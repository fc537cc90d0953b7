/** "paid_search" -> "Paid search": source and channel keys as people read them. */
export function humanize(key: string): string {
  if (!key) return "(none)";
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "1 win", "3 wins": a count with its noun in the right number. */
export function plural(count: number, one: string, many = `${one}s`, formatted?: string): string {
  return `${formatted ?? count} ${count === 1 ? one : many}`;
}
