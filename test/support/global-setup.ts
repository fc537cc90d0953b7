import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./browser";
import { seedDemoTemplate } from "./server";

/**
 * The e2e project's global setup: the seeded demo data folder and one Chromium for the run,
 * made together (one is mostly the server's CPU, the other the browser's start).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [template, browser] = await Promise.allSettled([seedDemoTemplate(), launchBrowserServer()]);
  if (template.status === "rejected" || browser.status === "rejected") {
    if (template.status === "fulfilled") template.value.remove();
    if (browser.status === "fulfilled") await browser.value.close();
    throw template.status === "rejected" ? template.reason : Reflect.get(browser, "reason");
  }
  project.provide("e2eTemplate", template.value.dir);
  project.provide("chromiumWsEndpoint", browser.value.wsEndpoint());
  return async () => {
    await browser.value.close();
    template.value.remove();
  };
}
