export const apiBundle: string;
/** Builds the web app if stale and bundles the API, before a server starts; once per process. */
export function buildServer(log?: (line: string) => void): Promise<void>;
