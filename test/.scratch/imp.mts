const t0 = performance.now();
const { createDb } = await import("@tandem/db");
const t1 = performance.now();
await import("../../api/src/app");
const t2 = performance.now();
console.log("db import", Math.round(t1 - t0), "app import", Math.round(t2 - t1));
