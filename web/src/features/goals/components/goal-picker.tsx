import type { Goal } from "../api/goals";

/** Shown only when the organization has more than one period's goal. */
export function GoalPicker({
  goals,
  value,
  onChange,
}: {
  goals: readonly Goal[];
  value: string;
  onChange: (goalId: string) => void;
}) {
  if (goals.length < 2) return null;
  return (
    <label className="inline-field">
      <span>Goal</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {goals.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
    </label>
  );
}
