export interface TeamRef {
  name: string;
  function: string;
}

/** Marketing teal, sales indigo, everyone else neutral: the same colours as the charts. */
export function teamTone(teamFunction: string): "marketing" | "sales" | "success" | "other" {
  if (teamFunction === "marketing") return "marketing";
  if (teamFunction === "sales") return "sales";
  if (teamFunction === "customer_success") return "success";
  return "other";
}

export function TeamBadge({ team }: { team: TeamRef }) {
  return (
    <span className={`team-badge team-${teamTone(team.function)}`}>
      <span className="team-dot" aria-hidden="true" />
      {team.name}
    </span>
  );
}
