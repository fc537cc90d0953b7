import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { ErrorState, LoadingState } from "../components/ui/states";
import { ThemeToggle } from "../components/ui/theme-toggle";
import { useSession } from "../features/auth/session";
import { goalsQuery } from "../features/goals/api/goals";
import { useEnsureActiveOrganization } from "../features/organization/api/active-organization";
import {
  meQuery,
  roleLabels,
  useSwitchOrganization,
} from "../features/organization/api/organization";
import { CreateOrganizationPage } from "../features/organization/components/create-organization-page";
import { ApiProblem, requestJson } from "../lib/api-client";
import { OrgProvider } from "./org-context";

const navigation = [
  { to: "/", label: "Dashboard", end: true },
  { to: "/plan", label: "Plan" },
  { to: "/check-ins", label: "Check-ins" },
  { to: "/lead-quality", label: "Lead quality" },
  { to: "/attribution", label: "Attribution" },
  { to: "/settings", label: "Settings" },
];

function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => requestJson("/api/auth/sign-out", { method: "POST", body: "{}" }),
    onSuccess: () => {
      queryClient.clear();
      navigate("/sign-in");
    },
  });
}

export function AppLayout() {
  const session = useSession();
  const hasOrganization = Boolean(session.data?.activeOrganizationId);
  const me = useQuery({ ...meQuery, enabled: hasOrganization });
  const queryClient = useQueryClient();
  useEffect(() => {
    // Every screen starts from the goals: ask for them together with /me, not after it.
    if (hasOrganization) void queryClient.prefetchQuery(goalsQuery);
  }, [hasOrganization, queryClient]);
  const activation = useEnsureActiveOrganization(Boolean(session.data) && !hasOrganization);
  const signOut = useSignOut();
  const switchOrganization = useSwitchOrganization();
  const location = useLocation();

  if (session.isPending) return <FullPageLoading />;
  if (session.isError) {
    return (
      <main className="centered-page">
        <ErrorState error={session.error} onRetry={() => session.refetch()} />
      </main>
    );
  }
  if (!session.data) {
    const back = location.pathname === "/" ? "" : `?next=${encodeURIComponent(location.pathname)}`;
    return <Navigate to={`/sign-in${back}`} replace />;
  }
  if (!hasOrganization) {
    if (activation.none) return <CreateOrganizationPage email={session.data.email} />;
    if (activation.error) {
      return (
        <main className="centered-page">
          <ErrorState error={activation.error} />
        </main>
      );
    }
    return <FullPageLoading />;
  }
  if (me.error instanceof ApiProblem && me.error.status === 403) {
    return <CreateOrganizationPage email={session.data.email} />;
  }
  if (me.isPending) return <FullPageLoading />;
  if (me.isError) {
    return (
      <main className="centered-page">
        <ErrorState error={me.error} onRetry={() => me.refetch()} />
      </main>
    );
  }

  const { organization, organizations, role, team, user } = me.data;
  return (
    <OrgProvider me={me.data}>
      <div className="app-shell">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className="top-bar">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" /> Tandem
          </div>
          <nav aria-label="Main">
            <ul className="nav-list">
              {navigation.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu">
            {organizations.length > 1 ? (
              <label className="org-switch">
                <span className="visually-hidden">Organization</span>
                <select
                  value={organization.id}
                  disabled={switchOrganization.isPending}
                  onChange={(e) => switchOrganization.mutate(e.target.value)}
                >
                  {organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="org-name">{organization.name}</span>
            )}
            <span className="user-identity">
              <span className="user-email">{user.email}</span>
              <span className="muted small">
                {roleLabels[role]}
                {team ? ` · ${team.name}` : ""}
              </span>
            </span>
            <ThemeToggle />
            <button
              type="button"
              className="button small"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              Sign out
            </button>
          </div>
        </header>
        <main id="main" className="page" tabIndex={-1}>
          <Suspense fallback={<LoadingState label="Loading the page…" rows={4} />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </OrgProvider>
  );
}

function FullPageLoading() {
  return (
    <div className="centered-page" role="status">
      <span className="brand-mark" aria-hidden="true" />
      Loading Tandem…
    </div>
  );
}
