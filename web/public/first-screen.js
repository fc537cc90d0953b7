// Asks for the dashboard's first data (GET /api/v1/first-screen: the session, the caller,
// the goals and the summary in one answer) while the app's script is still loading, instead
// of a chain of requests after it has run. A classic script in index.html's head, so it
// starts at once; the app picks the answer up in src/app/first-screen.ts.
(() => {
  if (location.pathname.replace(/\/+$/, "") !== "") return;
  const page = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  const goal = page.get("goal");
  const asOf = page.get("asOf");
  if (goal) query.set("goal", goal);
  // Only a well-formed day: a refused request would log an error in the console.
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) query.set("asOf", asOf);
  const search = query.size > 0 ? `?${query}` : "";
  window.tandemFirstScreen = fetch(`/api/v1/first-screen${search}`, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
  })
    .then((response) => (response.ok ? response.json() : null))
    .catch(() => null);
})();
