export const apiBundle: string;
export function buildWebIfStale(log?: (line: string) => void): Promise<void>;
export function buildApi(): Promise<string>;
export function buildServer(log?: (line: string) => void): Promise<void>;
