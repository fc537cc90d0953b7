import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { useFormWords } from "../../components/ui/use-form-words";
import { requestJson } from "../../lib/api-client";

/** Asks for a reset link by email; the answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const ask = useMutation({
    mutationFn: (address: string) =>
      requestJson("/api/auth/request-password-reset", {
        method: "POST",
        body: JSON.stringify({ email: address }),
      }),
  });
  const words = useFormWords(ask.error);
  const submit = () => ask.mutate(email.trim());
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>Reset your password</h1>
        {ask.isSuccess ? (
          <p role="status">
            If <strong>{email}</strong> has an account, a link to choose a new password is on its
            way. It works once, for one hour. No mail server? The person who runs Tandem finds it in
            the data folder's outbox.
          </p>
        ) : (
          <form {...words.form(submit)} className="form-stack">
            <p className="muted">We email you a link to choose a new password.</p>
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
            {words.message()}
            <button type="submit" className="button primary" disabled={ask.isPending}>
              {ask.isPending ? "Sending…" : "Email me a link"}
            </button>
          </form>
        )}
        <p className="muted" style={{ marginTop: "1.25rem" }}>
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </div>
    </main>
  );
}
