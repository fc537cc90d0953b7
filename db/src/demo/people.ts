import type { Role } from "../queries/members";
import { demoTeamIds } from "./company";

export const DEMO_PASSWORD = "tandem-demo";

export interface DemoPerson {
  email: string;
  password: string;
  name: string;
  role: Role;
  /** Id of the person's team in the demo organization, if any. */
  teamId: string | null;
  /** The user id used when the seed creates this person. */
  userId: string;
}

/** Who can sign in to the demo; the server prints them and the sign-in page lists them. */
export const demoPeople: readonly DemoPerson[] = [
  {
    email: "owner@acme.test",
    password: DEMO_PASSWORD,
    name: "Dana Whitfield",
    role: "owner",
    teamId: null,
    userId: "user_acme_owner",
  },
  {
    email: "exec@acme.test",
    password: DEMO_PASSWORD,
    name: "Marcus Chen",
    role: "exec",
    teamId: null,
    userId: "user_acme_exec",
  },
  {
    email: "marketing@acme.test",
    password: DEMO_PASSWORD,
    name: "Priya Raman",
    role: "lead",
    teamId: demoTeamIds.marketing,
    userId: "user_acme_marketing",
  },
  {
    email: "sales@acme.test",
    password: DEMO_PASSWORD,
    name: "Jordan Ellis",
    role: "lead",
    teamId: demoTeamIds.sales,
    userId: "user_acme_sales",
  },
];
