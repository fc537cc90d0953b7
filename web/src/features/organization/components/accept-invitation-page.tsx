import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorState, LoadingState, ProblemMessage } from "../../../components/ui/states";
import { ThemeToggle } from "../../../components/ui/theme-toggle";
import { api, call } from "../../../lib/api";
import { useSession } from "../../auth/session";

/**
 * The link an owner sends: whoever opens it signs in or creates an account with the invited
 * email, then accepts; the organization becomes their active one.
 */
export function AcceptInvitationPage() {
  const { organizationId = "", invitationId = "" } = useParams();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const here = `/invitations/${encodeURIComponent(organizationId)}/${encodeURIComponent(invitationId)}`;
  const accept = useMutation({
    mutationFn: () =>
      call(api.v1.invitations.accept.$post({ json: { organizationId, invitationId } })),
    onSuccess: async () => {
      await queryClient.resetQueries();
      navigate("/", { replace: true });
    },
  });

  return (
    <main className="sign-in">
      <div className="sign-in-theme">
        <ThemeToggle />
      </div>
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>You are invited</h1>
        {session.isPending ? (
          <LoadingState rows={2} />
        ) : session.isError ? (
          <ErrorState error={session.error} onRetry={() => session.refetch()} />
        ) : !session.data ? (
          <>
            <p className="muted">
              Sign in, or create an account with the email the invitation was sent to, then accept
              it here.
            </p>
            <div className="row" style={{ marginTop: "1.25rem" }}>
              <Link className="button primary" to={`/sign-up?next=${encodeURIComponent(here)}`}>
                Create an account
              </Link>
              <Link className="button" to={`/sign-in?next=${encodeURIComponent(here)}`}>
                Sign in
              </Link>
            </div>
          </>
        ) : (
          <>
            <p className="muted">
              Signed in as {session.data.email}. Accept to join the organization and see its shared
              goal.
            </p>
            <div className="form-stack">
              <ProblemMessage error={accept.error} />
              <button
                type="button"
                className="button primary"
                disabled={accept.isPending}
                onClick={() => accept.mutate()}
              >
                {accept.isPending ? "Joining…" : "Accept the invitation"}
              </button>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
