import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useOrg } from "../../../app/org-context";
import { hasRole } from "../../organization/api/organization";
import { teamsQuery } from "../../settings/api/teams";

interface Step {
  title: string;
  body: string;
  to: string;
  action: string;
  done: boolean;
}

/** What a new organization does first: set the goal, add the teams, connect the data. */
export function GettingStarted({
  hasGoal = false,
  hasData = false,
}: {
  hasGoal?: boolean;
  hasData?: boolean;
}) {
  const { me } = useOrg();
  const teams = useQuery(teamsQuery);
  const canPlan = hasRole(me.role, "exec");
  const steps: Step[] = [
    {
      title: "Set the shared revenue goal",
      body: "One target for the period, and the funnel you plan to reach it with: leads, conversion rates and deal size.",
      to: "/plan",
      action: hasGoal ? "Review the plan" : canPlan ? "Create the goal" : "See the plan",
      done: hasGoal,
    },
    {
      title: "Add your teams and invite their leads",
      body: "Marketing, sales and customer success each own key results under the one goal and check in weekly.",
      to: "/settings#teams",
      action: "Add teams",
      done: (teams.data?.length ?? 0) > 0,
    },
    {
      title: "Connect your data",
      body: "Send leads, deals and touchpoints from your CRM with an API key, or import a CSV export.",
      to: "/settings#import",
      action: "Connect data",
      done: hasData,
    },
  ];
  if (steps.every((step) => step.done)) return null;
  // While the teams are still asked for, the card shows only if another step is certainly
  // left: shown at once and taken away when the teams came, it moved the headline under it up
  // by its whole height on every load of a set-up organization's dashboard (decision 053).
  if (teams.isPending && hasGoal && hasData) return null;
  return (
    <section className="card span-12 getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">
        {hasGoal
          ? `Finish setting up ${me.organization.name}`
          : `Welcome to Tandem, ${me.organization.name}`}
      </h2>
      <p className="muted">
        {hasGoal
          ? "The goal is set. The number fills in once your teams and data are connected."
          : "Three steps and sales and marketing share one number."}{" "}
        {canPlan || hasGoal ? "" : "An executive or owner sets the goal."}
      </p>
      <ol className="steps">
        {steps.map((step, index) => (
          <li key={step.title} className={step.done ? "step done" : "step"}>
            <span className="step-number" aria-hidden="true">
              {step.done ? "✓" : index + 1}
            </span>
            <div>
              <h3>
                {step.title}
                {step.done && <span className="visually-hidden"> (done)</span>}
              </h3>
              <p className="muted">{step.body}</p>
              <Link
                className={
                  steps.findIndex((s) => !s.done) === index
                    ? "button primary small"
                    : "button small"
                }
                to={step.to}
              >
                {step.action}
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
