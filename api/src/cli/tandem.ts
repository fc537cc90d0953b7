// `pnpm tandem import <kind> FILE.csv …`: CSV imports from the command line (see --help).
import { readFile } from "node:fs/promises";
import { readEnv } from "../env";
import { openDatabase } from "../server";
import { runTandem } from "./run";

const code = await runTandem(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readFile: (path) => readFile(path, "utf8"),
  readBytes: (path) => readFile(path),
  async openDatabase() {
    const database = openDatabase(readEnv());
    await database.migrate();
    return database;
  },
});
process.exitCode = code;
