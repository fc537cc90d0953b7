import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useFormWords } from "../../components/ui/use-form-words";
import { errorMessage, isProblem, requestJson } from "../../lib/api-client";

const MIN_LENGTH = 8;

function resetRefusal(error: unknown): string {
  if (isProblem(error, "INVALID_TOKEN")) {
    return "This link has expired or was already used. Ask for a new one.";
  }
  return errorMessage(error);
}

/** Opened from the reset email: /reset-password?token=… */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const [password, setPassword] = useState("");
  const reset = useMutation({
    mutationFn: (newPassword: string) =>
      requestJson("/api/auth/reset-password", {
        method: "POST",
        body: JSON.stringify({ token, newPassword }),
      }),
  });
  const words = useFormWords(null);
  const submit = () => reset.mutate(password);
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>Choose a new password</h1>
        {!token ? (
          <p role="alert" className="error-text">
            This address has no reset token. Open the link from the email again, or{" "}
            <Link to="/forgot-password">ask for a new one</Link>.
          </p>
        ) : reset.isSuccess ? (
          <p role="status">
            Your password is changed and every other session is signed out.{" "}
            <Link to="/sign-in">Sign in</Link> with the new one.
          </p>
        ) : (
          <form {...words.form(submit)} className="form-stack">
            <label>
              New password
              <input
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_LENGTH}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                {...words.field("newPassword", { describedBy: "new-password-hint" })}
              />
              <span id="new-password-hint" className="field-hint">
                At least {MIN_LENGTH} characters.
              </span>
              {words.error("newPassword")}
            </label>
            {reset.isError && !words.held && (
              <p role="alert" className="error-text">
                {resetRefusal(reset.error)}{" "}
                {isProblem(reset.error, "INVALID_TOKEN") && (
                  <Link to="/forgot-password">Ask for a new link</Link>
                )}
              </p>
            )}
            <button type="submit" className="button primary" disabled={reset.isPending}>
              {reset.isPending ? "Saving…" : "Save the new password"}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
