import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { ThemeToggle } from "../../components/ui/theme-toggle";
import { useFormWords } from "../../components/ui/use-form-words";
import { requestJson } from "../../lib/api-client";
import { safeNext } from "./safe-next";
import { sessionQuery, useSession } from "./session";

/** A new account; what it can see comes from the organization it creates or is invited to. */
export function SignUpPage() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [name, setName] = useState("");
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [password, setPassword] = useState("");

  const signUp = useMutation({
    mutationFn: (body: { name: string; email: string; password: string }) =>
      requestJson("/api/auth/sign-up/email", { method: "POST", body: JSON.stringify(body) }),
    onSuccess: async () => {
      await queryClient.resetQueries();
      await queryClient.fetchQuery(sessionQuery);
      navigate(next, { replace: true });
    },
  });

  const words = useFormWords(signUp.error);
  if (session.data) return <Navigate to={next} replace />;

  const submit = () => {
    signUp.mutate({ name: name.trim(), email: email.trim(), password });
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
        <h1>Create your account</h1>
        <p className="muted">
          Then create your organization, or accept the invitation you were sent.
        </p>
        <form {...words.form(submit)} className="form-stack">
          <label>
            Name
            <input
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              {...words.field("name")}
            />
            {words.error("name")}
          </label>
          <label>
            Email
            <input
              type="email"
              required
              autoComplete="username"
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
              required
              minLength={8}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              {...words.field("password", { describedBy: "password-hint" })}
            />
            <span id="password-hint" className="field-hint">
              At least 8 characters.
            </span>
            {words.error("password")}
          </label>
          {words.message()}
          <button type="submit" className="button primary" disabled={signUp.isPending}>
            {signUp.isPending ? "Creating…" : "Create account"}
          </button>
        </form>
        <p className="muted" style={{ marginTop: "1.25rem" }}>
          Already have an account?{" "}
          <Link to={`/sign-in${next === "/" ? "" : `?next=${encodeURIComponent(next)}`}`}>
            Sign in
          </Link>
        </p>
      </div>
    </main>
  );
}
