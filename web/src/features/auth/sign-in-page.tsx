import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { ThemeToggle } from "../../components/ui/theme-toggle";
import { useFormWords } from "../../components/ui/use-form-words";
import { errorMessage, isProblem, requestJson } from "../../lib/api-client";
import { safeNext } from "./safe-next";
import { SecondStepForm } from "./second-step-form";
import { sessionQuery, useSession } from "./session";
import { useSignOnProvider } from "./sign-on-provider";

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

interface Meta {
  demoPeople: DemoPerson[];
  singleSignOn: boolean;
}

async function fetchMeta(): Promise<Meta> {
  const body = await requestJson("/api/meta");
  if (typeof body !== "object" || body === null) return { demoPeople: [], singleSignOn: false };
  const people = "demoPeople" in body && Array.isArray(body.demoPeople) ? body.demoPeople : [];
  return {
    demoPeople: people.filter(isDemoPerson),
    singleSignOn: "singleSignOn" in body && body.singleSignOn === true,
  };
}

/** Where single sign-on sent the person back with an error (better-auth's ?error=). */
function singleSignOnRefusal(error: string | null): string | null {
  if (!error) return null;
  if (error === "sso_domain_refused") {
    return "That account's email domain does not sign in to this Tandem. Use the account your organization gave you.";
  }
  if (error === "sso_account_elsewhere") {
    return "Your Tandem account belongs to another organization too, so this organization's single sign-on cannot open it. Sign in with your password.";
  }
  if (error === "sso_unavailable") {
    return "Single sign-on for your organization is off or its provider cannot be reached. Sign in with your password, or ask an owner.";
  }
  return `Single sign-on did not complete (${error.replaceAll("_", " ")}). Try again, or ask an owner to check the provider.`;
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
  const meta = useQuery({ queryKey: ["meta"], queryFn: fetchMeta });
  const demoPeople = meta.data?.demoPeople ?? [];
  const ssoRefusal = singleSignOnRefusal(params.get("error"));
  const domainProvider = useSignOnProvider(email);
  const singleSignOn = useMutation({
    mutationFn: async (provider: string) => {
      const body = await requestJson("/api/auth/sign-in/social", {
        method: "POST",
        body: JSON.stringify({ provider, callbackURL: next, errorCallbackURL: "/sign-in" }),
      });
      const url = typeof body === "object" && body !== null && "url" in body ? body.url : null;
      if (typeof url !== "string") throw new Error("The server did not say where to sign in.");
      window.location.assign(url);
    },
  });

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

  const words = useFormWords(null);
  if (session.data) return <Navigate to={next} replace />;

  const submit = () => signIn.mutate({ email: email.trim(), password });

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
          <form {...words.form(submit)} className="form-stack">
            <label>
              Email
              <input
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                {...words.field("email")}
              />
              {words.error("email")}
            </label>
            <label>
              Password
              <input
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                {...words.field("password")}
              />
              {words.error("password")}
            </label>
            {signIn.isError && !words.held && (
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
        {!secondStep && (domainProvider || meta.data?.singleSignOn) && (
          <div className="form-stack" style={{ marginTop: "1rem" }}>
            {domainProvider && (
              <p className="muted small" role="status">
                Your organization signs in with {domainProvider.name}.
              </p>
            )}
            <button
              type="button"
              className={domainProvider ? "button primary" : "button"}
              disabled={singleSignOn.isPending}
              onClick={() => singleSignOn.mutate(domainProvider?.id ?? "oidc")}
            >
              {domainProvider
                ? `Sign in with ${domainProvider.name}`
                : "Sign in with single sign-on"}
            </button>
          </div>
        )}
        {(ssoRefusal || singleSignOn.isError) && (
          <p role="alert" className="error-text">
            {ssoRefusal ?? errorMessage(singleSignOn.error)}
          </p>
        )}
        <p className="muted" style={{ marginTop: "1.25rem" }}>
          New to Tandem?{" "}
          <Link to={`/sign-up${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`}>
            Create an account
          </Link>
        </p>
        {demoPeople.length > 0 && (
          <section className="demo-people" aria-labelledby="demo-heading">
            <h2 id="demo-heading">Demo accounts</h2>
            <p className="muted">
              Password <code>{demoPeople[0]?.password}</code>. Choose one to fill the form.
            </p>
            <ul>
              {demoPeople.map((person) => (
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
