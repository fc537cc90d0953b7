import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { ForgotPasswordPage } from "../features/auth/forgot-password-page";
import { ResetPasswordPage } from "../features/auth/reset-password-page";
import { SignInPage } from "../features/auth/sign-in-page";
import { SignUpPage } from "../features/auth/sign-up-page";
import { DashboardPage } from "../features/dashboard/components/dashboard-page";
import { AcceptInvitationPage } from "../features/organization/components/accept-invitation-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { RouteError } from "./route-error";

// Each screen but the dashboard is its own chunk: recharts loads with the screens that draw
// charts, not before. The dashboard is in the entry (decision 053): it is the first screen
// after every sign-in, and as a lazy screen it cost a round trip after the entry ran and React
// held the screen back for 300 ms after showing the Suspense fallback in its place.
const loadForecast = () => import("../features/forecast/components/forecast-page");
const loadPlan = () => import("../features/plan/components/plan-page");
const loadCheckIns = () => import("../features/check-ins/components/check-ins-page");
const loadLeadQuality = () => import("../features/lead-quality/components/lead-quality-page");
const loadAttribution = () => import("../features/attribution/components/attribution-page");
const loadSettings = () => import("../features/settings/components/settings-page");
const ForecastPage = lazy(() => loadForecast().then((m) => ({ default: m.ForecastPage })));
const PlanPage = lazy(() => loadPlan().then((m) => ({ default: m.PlanPage })));
const CheckInsPage = lazy(() => loadCheckIns().then((m) => ({ default: m.CheckInsPage })));
const LeadQualityPage = lazy(() => loadLeadQuality().then((m) => ({ default: m.LeadQualityPage })));
const AttributionPage = lazy(() => loadAttribution().then((m) => ({ default: m.AttributionPage })));
const SettingsPage = lazy(() => loadSettings().then((m) => ({ default: m.SettingsPage })));

const screenLoaders: Record<string, () => Promise<unknown>> = {
  "/forecast": loadForecast,
  "/plan": loadPlan,
  "/check-ins": loadCheckIns,
  "/lead-quality": loadLeadQuality,
  "/attribution": loadAttribution,
  "/settings": loadSettings,
};

/**
 * On a full page load into a screen, fetch its chunk while the session is checked instead of
 * after: the browser keeps the module, and the lazy screen finds it there. A failed fetch is
 * left to the lazy screen, which asks again and shows the error.
 */
export function preloadScreen(pathname: string): void {
  const load = screenLoaders[pathname.replace(/\/+$/, "") || "/"];
  if (load) load().catch(() => {});
}

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  { path: "/sign-up", element: <SignUpPage />, errorElement: <RouteError /> },
  { path: "/forgot-password", element: <ForgotPasswordPage />, errorElement: <RouteError /> },
  { path: "/reset-password", element: <ResetPasswordPage />, errorElement: <RouteError /> },
  {
    path: "/invitations/:organizationId/:invitationId",
    element: <AcceptInvitationPage />,
    errorElement: <RouteError />,
  },
  {
    path: "/tv/:token",
    lazy: () => import("../features/tv/components/tv-page").then((m) => ({ Component: m.TvPage })),
    errorElement: <RouteError />,
  },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: "forecast", element: <ForecastPage /> },
          { path: "plan", element: <PlanPage /> },
          { path: "check-ins", element: <CheckInsPage /> },
          { path: "lead-quality", element: <LeadQualityPage /> },
          { path: "attribution", element: <AttributionPage /> },
          { path: "settings", element: <SettingsPage /> },
        ],
      },
    ],
  },
  { path: "*", element: <NotFoundPage /> },
]);
