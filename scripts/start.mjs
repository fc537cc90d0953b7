// `pnpm start`: build the web app when it is missing or older than its sources and bundle the
// API (scripts/build-server.mjs), then run the production server (API + static web app on one
// port).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { apiBundle, buildServer } from "./build-server.mjs";

await buildServer((line) => console.log(line));

const server = spawn(process.execPath, ["--enable-source-maps", apiBundle], {
  cwd: fileURLToPath(new URL("..", import.meta.url)),
  stdio: "inherit",
  env: { NODE_ENV: "production", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
