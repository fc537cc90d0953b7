import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Suspense, useEffect, useRef, useState } from "react";
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { ErrorState, LoadingState } from "../components/ui/states";
import { ThemeToggle } from "../components/ui/theme-toggle";
import { EnrolTwoFactorPage } from "../features/auth/enrol-two-factor-page";
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
  { to: "/forecast", label: "Forecast" },
  { to: "/plan", label: "Plan" },
  { to: "/check-ins", label: "Check-ins" },
  { to: "/lead-quality", label: "Lead quality" },
  { to: "/attribution", label: "Attribution" },
  { to: "/settings", label: "Settings" },
];

/**
 * Resolves once no query is fetching, or after `limitMs`: signing out while the screen's own
 * requests are still on their way would have them refused (401s for nothing).
 */
function fetchesSettled(queryClient: QueryClient, limitMs: number): Promise<void> {
  if (queryClient.isFetching() === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    const unsubscribe = queryClient.getQueryCache().subscribe(() => {
      if (queryClient.isFetching() === 0) done();
    });
  });
}

function useSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      await fetchesSettled(queryClient, 2_000);
      return requestJson("/api/auth/sign-out", { method: "POST", body: "{}" });
    },
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
  const menu = useMenu(location.pathname);

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
  if (me.data.requireTwoFactor && !user.twoFactorEnabled) {
    return (
      <EnrolTwoFactorPage
        email={user.email}
        organization={organization.name}
        onSignOut={() => signOut.mutate()}
      />
    );
  }
  return (
    <OrgProvider me={me.data}>
      <div className="app-shell">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <header className={`top-bar${menu.open ? " menu-open" : ""}`}>
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" /> Tandem
          </div>
          <button
            ref={menu.buttonRef}
            type="button"
            className="button menu-button"
            aria-expanded={menu.open}
            aria-controls="app-menu"
            onClick={menu.toggle}
          >
            <span className="menu-icon" aria-hidden="true" />
            Menu
          </button>
          {/* One menu for every width: a bar on desktops, a panel under the button on phones. */}
          <div id="app-menu" className="app-menu">
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

/**
 * The phone menu: closed again on every navigation, and by Escape, which gives focus back to
 * the button. On wide screens CSS shows the bar and hides the button, so the state is unused.
 */
function useMenu(pathname: string) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path is the reason to close.
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);
  return { open, buttonRef, toggle: () => setOpen((value) => !value) };
}

function FullPageLoading() {
  return (
    <div className="centered-page" role="status">
      <span className="brand-mark" aria-hidden="true" />
      Loading Tandem…
    </div>
  );
}
