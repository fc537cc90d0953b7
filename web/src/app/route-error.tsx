import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { errorMessage } from "../lib/api-client";

/** A screen that failed to render or to load its code: say so, and offer a way on. */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed =
    error instanceof Error && /dynamically imported module|Loading chunk/i.test(error.message);
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : chunkFailed
      ? "A new version of Tandem is available, or the connection dropped while loading this screen."
      : errorMessage(error);
  return (
    <div className="centered-page" role="alert">
      <h1>This screen could not be shown</h1>
      <p className="muted">{message}</p>
      <div className="row">
        <button type="button" className="button primary" onClick={() => window.location.reload()}>
          Reload
        </button>
        <Link className="button" to="/">
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}
