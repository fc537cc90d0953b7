import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <main className="centered-page">
      <h1>Page not found</h1>
      <p>The address does not match any page in Tandem.</p>
      <Link to="/">Go to the dashboard</Link>
    </main>
  );
}
