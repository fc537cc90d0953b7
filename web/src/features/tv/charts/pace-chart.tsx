export interface PacePoint {
  date: string;
  actual: number | null;
  expected: number;
}

/**
 * Cumulative actual against the expected line over the whole period, as one SVG that
 * stretches to its box; strokes keep their width at any size.
 */
export function PaceChart({
  series,
  tone,
  label,
}: {
  series: PacePoint[];
  tone: string;
  label: string;
}) {
  const last = series.length - 1;
  const max = Math.max(1, ...series.map((p) => Math.max(p.expected, p.actual ?? 0)));
  const x = (i: number) => (last > 0 ? (i / last) * 100 : 0);
  const y = (v: number) => 50 - (v / max) * 48;
  const line = (points: [number, number][]) =>
    points.map(([px, py], i) => `${i === 0 ? "M" : "L"}${px},${py}`).join(" ");
  const expected = line(series.map((p, i) => [x(i), y(p.expected)]));
  const actualPoints: [number, number][] = [];
  series.forEach((p, i) => {
    if (p.actual !== null) actualPoints.push([x(i), y(p.actual)]);
  });
  const end = actualPoints.at(-1);
  const area = end ? `${line(actualPoints)} L${end[0]},50 L0,50 Z` : "";
  return (
    <figure className="tv-pace-chart" aria-label={label}>
      <svg viewBox="0 0 100 50" preserveAspectRatio="none" role="img" aria-hidden="true">
        {area && <path d={area} className={`tv-pace-area tv-stroke-${tone}`} />}
        <path d={expected} className="tv-pace-expected" vectorEffect="non-scaling-stroke" />
        {actualPoints.length > 0 && (
          <path
            d={line(actualPoints)}
            className={`tv-pace-actual tv-stroke-${tone}`}
            vectorEffect="non-scaling-stroke"
          />
        )}
      </svg>
      <figcaption className="tv-pace-legend">
        <span className={`tv-legend-actual tv-stroke-${tone}`}>Actual</span>
        <span className="tv-legend-expected">Expected pace</span>
      </figcaption>
    </figure>
  );
}
