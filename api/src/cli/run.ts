import type { Database } from "@tandem/db";
import { decodeCsv } from "../ingest/csv/decode";
import { directSender, directTarget } from "./direct-send";
import { httpSender } from "./http-send";
import { type ImportCommand, importUsage, parseImportArgs, UsageError } from "./import-args";
import { importFile } from "./import-file";
import { describeCounts, describeErrors, describeSkipped } from "./report";

/** What the command line touches, so tests can run it in-process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(path: string): Promise<string>;
  readBytes(path: string): Promise<Uint8Array>;
  /** Opens (and migrates) the database for --direct. */
  openDatabase(): Promise<Database>;
  fetch?: typeof fetch;
}

/** Exit codes: 0 done, 1 the file or the server refused, 2 the command itself was wrong. */
export async function runTandem(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    io.out(importUsage);
    return args.length === 0 ? 2 : 0;
  }
  let command: ImportCommand;
  try {
    command = parseImportArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${importUsage}`);
    return 2;
  }
  try {
    return await runImport(command, io);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return error instanceof UsageError ? 2 : 1;
  }
}

async function runImport(command: ImportCommand, io: CliIo): Promise<number> {
  const decoded = decodeCsv(await io.readBytes(command.file), command.encoding);
  if (!decoded.ok) {
    io.err(decoded.message);
    return 1;
  }
  const { text } = decoded.decoded;
  const request = {
    kind: command.kind,
    text,
    dryRun: command.dryRun,
    skipInvalid: command.skipInvalid,
    preset: command.preset,
    map: command.map,
    format: command.format,
  };
  let outcome: Awaited<ReturnType<typeof importFile>>;
  if (command.target.mode === "server") {
    const apiKey =
      command.target.apiKey ?? (await io.readFile(command.target.apiKeyFile ?? "")).trim();
    outcome = await importFile(
      request,
      httpSender({
        url: command.target.url,
        apiKey,
        kind: command.kind,
        preset: command.preset,
        map: command.map,
        skipInvalid: command.skipInvalid,
        fetch: io.fetch,
      }),
    );
  } else {
    const database = await io.openDatabase();
    try {
      const target = await directTarget(database, command.target.orgId);
      outcome = await importFile(request, directSender(database, target, command));
    } finally {
      await database.close();
    }
  }
  if (!outcome.ok) {
    for (const line of describeErrors(command.file, outcome.errors)) io.err(line);
    return 1;
  }
  for (const line of describeCounts(
    command.file,
    command.kind,
    outcome.counts,
    command.dryRun,
    outcome.parts,
  ))
    io.out(line);
  for (const note of outcome.notes) io.out(`  line ${note.line}: ${note.message}`);
  for (const line of describeSkipped(outcome.skipped, command.dryRun)) io.out(line);
  return 0;
}
