import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./browser";
import { seedDemoTemplate } from "./server";

/**
 * The e2e project's global setup: one Chromium for the run, and the seeded demo data folder,
 * which goes on seeding in the background while the unit project runs (the e2e files wait for
 * it in `useE2E`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = seedDemoTemplate();
  const browser = await launchBrowserServer().catch(async (error: unknown) => {
    await template.ready.catch(() => {});
    template.remove();
    throw error;
  });
  project.provide("e2eTemplate", template.dir);
  project.provide("chromiumWsEndpoint", browser.wsEndpoint());
  return async () => {
    await template.ready.catch(() => {});
    await browser.close();
    template.remove();
  };
}
