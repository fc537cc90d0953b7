/**
 * What every postgres.js client here starts from. `fetch_types: false`: by default a new
 * connection first reads pg_type for array parsers, and postgres.js drops that query's promise
 * (porsager/postgres#1192 and #1223, open): a connection closed or terminated while it runs (a
 * pool ending, a database dropped, a server restart) becomes an unhandled rejection, which ends
 * a Node process. Nothing here needs those parsers: drizzle parses its array columns (SSO
 * scopes) from their text, and the bulk inserts write array literals themselves.
 */
export const postgresOptions = { onnotice: () => {}, fetch_types: false } as const;
