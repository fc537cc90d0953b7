import { lazy } from "react";
import { createBrowserRouter } from "react-router";
import { SignInPage } from "../features/auth/sign-in-page";
import { SignUpPage } from "../features/auth/sign-up-page";
import { AcceptInvitationPage } from "../features/organization/components/accept-invitation-page";
import { AppLayout } from "./app-layout";
import { NotFoundPage } from "./not-found-page";
import { RouteError } from "./route-error";

// Each screen is its own chunk: recharts loads with the screens that draw charts, not before.
const DashboardPage = lazy(() =>
  import("../features/dashboard/components/dashboard-page").then((m) => ({
    default: m.DashboardPage,
  })),
);
const PlanPage = lazy(() =>
  import("../features/plan/components/plan-page").then((m) => ({ default: m.PlanPage })),
);
const CheckInsPage = lazy(() =>
  import("../features/check-ins/components/check-ins-page").then((m) => ({
    default: m.CheckInsPage,
  })),
);
const LeadQualityPage = lazy(() =>
  import("../features/lead-quality/components/lead-quality-page").then((m) => ({
    default: m.LeadQualityPage,
  })),
);
const AttributionPage = lazy(() =>
  import("../features/attribution/components/attribution-page").then((m) => ({
    default: m.AttributionPage,
  })),
);
const SettingsPage = lazy(() =>
  import("../features/settings/components/settings-page").then((m) => ({
    default: m.SettingsPage,
  })),
);

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  { path: "/sign-up", element: <SignUpPage />, errorElement: <RouteError /> },
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
