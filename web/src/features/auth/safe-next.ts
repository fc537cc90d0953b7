/** Only a path of this app: an absolute URL in ?next= would be an open redirect. */
export function safeNext(requested: string | null): string {
  return requested?.startsWith("/") && !requested.startsWith("//") ? requested : "/";
}
