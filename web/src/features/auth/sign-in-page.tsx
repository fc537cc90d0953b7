import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { ThemeToggle } from "../../components/ui/theme-toggle";
import { errorMessage, isProblem, requestJson } from "../../lib/api-client";
import { safeNext } from "./safe-next";
import { SecondStepForm } from "./second-step-form";
import { sessionQuery, useSession } from "./session";

interface DemoPerson {
  email: string;
  role: string;
  password: string;
}

function isDemoPerson(value: unknown): value is DemoPerson {
  return (
    typeof value === "object" &&
    value !== null &&
    "email" in value &&
    typeof value.email === "string" &&
    "role" in value &&
    typeof value.role === "string" &&
    "password" in value &&
    typeof value.password === "string"
  );
}

async function fetchDemoPeople(): Promise<DemoPerson[]> {
  const body = await requestJson("/api/meta");
  if (typeof body !== "object" || body === null || !("demoPeople" in body)) return [];
  return Array.isArray(body.demoPeople) ? body.demoPeople.filter(isDemoPerson) : [];
}

/**
 * Why a sign-in was refused. The server's problems (another origin, a lock after wrong
 * passwords) come with their own words; the auth library's wrong password gets ours.
 */
/** With two-factor on, the password answers with a challenge instead of a session. */
function asksSecondStep(body: unknown): boolean {
  return typeof body === "object" && body !== null && "twoFactorRedirect" in body;
}

function signInRefusal(error: unknown): string {
  if (isProblem(error, "INVALID_EMAIL_OR_PASSWORD")) {
    return "That email and password do not match an account. Check both and try again.";
  }
  return errorMessage(error);
}

export function SignInPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [secondStep, setSecondStep] = useState(false);
  const demo = useQuery({ queryKey: ["meta", "demo-people"], queryFn: fetchDemoPeople });

  const enter = async () => {
    await queryClient.resetQueries();
    await queryClient.fetchQuery(sessionQuery);
    navigate(next, { replace: true });
  };
  const signIn = useMutation({
    mutationFn: (credentials: { email: string; password: string }) =>
      requestJson("/api/auth/sign-in/email", {
        method: "POST",
        body: JSON.stringify(credentials),
      }),
    onSuccess: async (body) => {
      if (asksSecondStep(body)) setSecondStep(true);
      else await enter();
    },
  });

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <main className="sign-in">
      <div className="sign-in-theme">
        <ThemeToggle />
      </div>
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>Sign in</h1>
        <p className="muted">One revenue number for sales and marketing.</p>
        {secondStep ? (
          <SecondStepForm onSignedIn={enter} />
        ) : (
          <form onSubmit={submit} className="form-stack">
            <label>
              Email
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </label>
            <label>
              Password
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {signIn.isError && (
              <p role="alert" className="error-text">
                {signInRefusal(signIn.error)}
              </p>
            )}
            <p className="muted">
              <Link to="/forgot-password">Forgot your password?</Link>
            </p>
            <button type="submit" className="button primary" disabled={signIn.isPending}>
              {signIn.isPending ? "Signing in…" : "Sign in"}
            </button>
          </form>
        )}
        <p className="muted" style={{ marginTop: "1.25rem" }}>
          New to Tandem?{" "}
          <Link to={`/sign-up${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`}>
            Create an account
          </Link>
        </p>
        {demo.data && demo.data.length > 0 && (
          <section className="demo-people" aria-labelledby="demo-heading">
            <h2 id="demo-heading">Demo accounts</h2>
            <p className="muted">
              Password <code>{demo.data[0]?.password}</code>. Choose one to fill the form.
            </p>
            <ul>
              {demo.data.map((person) => (
                <li key={person.email}>
                  <button
                    type="button"
                    className="button link"
                    onClick={() => {
                      setEmail(person.email);
                      setPassword(person.password);
                    }}
                  >
                    {person.email}
                  </button>
                  <span className="muted"> {person.role}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
