import type { Database } from "@tandem/db";
import { listOrganizationsToSchedule } from "@tandem/db/queries/notifications";
import type { Logger } from "../lib/logger";
import type { Mailer } from "../lib/mail/mailer";
import { describeError } from "../lib/redact";
import type { SecretBox } from "../lib/secret-box";
import { deliverDue } from "./deliver";
import { loadOrgContext } from "./org-context";
import { planAlerts } from "./plan-alerts";
import { planDigest } from "./plan-digest";
import { planReminders } from "./plan-reminders";

export interface SchedulerOptions {
  database: Database;
  mailer: Mailer;
  /** Opens chat webhook URLs (sealed with the auth secret). */
  secretBox: SecretBox;
  logger: Logger;
  /** TANDEM_PUBLIC_URL; unset: the address each organization was last opened by. */
  publicUrl?: string;
  /** Links when neither is known (an organization nobody has opened yet). */
  fallbackOrigin: string;
  /** The clock; tests move it instead of waiting. */
  now?: () => Date;
}

export interface TickResult {
  planned: number;
  sent: number;
  failed: number;
}

export interface Scheduler {
  /** One pass over every organization: plan what is due, send what is planned. */
  tick(): Promise<TickResult>;
  /** Ticks every `intervalMs` (a minute by default), never two at once in this process. */
  start(intervalMs?: number): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
}

/**
 * Reminders, digests and alerts from inside the server: no second service to run. Any number
 * of instances may tick at once: each message is a row keyed by what it is (planned once) and
 * claimed by one instance (SKIP LOCKED); a restart picks up what was planned and not sent.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const now = options.now ?? (() => new Date());
  const { database, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickResult> | null = null;

  async function tick(): Promise<TickResult> {
    const total: TickResult = { planned: 0, sent: 0, failed: 0 };
    for (const org of await listOrganizationsToSchedule(database.db)) {
      try {
        const context = await loadOrgContext(database.db, org, now(), options);
        // Alerts first: the status they compare is today's, before anything else is sent.
        total.planned += await planAlerts(context);
        total.planned += await planReminders(context);
        total.planned += await planDigest(context);
      } catch (error) {
        logger.error("could not plan notifications", {
          orgId: org.id,
          error: describeError(error),
        });
      }
      try {
        const delivered = await deliverDue(options, org.id, now);
        total.sent += delivered.sent;
        total.failed += delivered.failed;
      } catch (error) {
        logger.error("could not send notifications", {
          orgId: org.id,
          error: describeError(error),
        });
      }
    }
    return total;
  }

  return {
    tick,
    start(intervalMs = 60_000) {
      if (timer) return;
      const run = () => {
        if (running) return;
        running = tick()
          .catch((error: unknown) => {
            logger.error("scheduler tick failed", { error: describeError(error) });
            return { planned: 0, sent: 0, failed: 0 };
          })
          .finally(() => {
            running = null;
          });
      };
      timer = setInterval(run, intervalMs);
      timer.unref();
      run();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
