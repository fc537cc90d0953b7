import { useState } from "react";
import { useFormWords } from "../../components/ui/use-form-words";
import { errorMessage } from "../../lib/api-client";
import { useSecondStep } from "./two-factor";

/** After the password: the authenticator's code, or one of the recovery codes. */
export function SecondStepForm({ onSignedIn }: { onSignedIn: () => void }) {
  const step = useSecondStep();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const words = useFormWords(null);
  const submit = () => {
    step.mutate({ code, recovery }, { onSuccess: onSignedIn });
  };
  return (
    <form {...words.form(submit)} className="form-stack" aria-label="Second step">
      <p className="muted">
        {recovery
          ? "Type one of the recovery codes you kept when you set up two-factor sign-in."
          : "Open your authenticator app and type the code it shows for Tandem."}
      </p>
      <label>
        {recovery ? "Recovery code" : "Code from the app"}
        <input
          key={recovery ? "recovery" : "totp"}
          inputMode={recovery ? "text" : "numeric"}
          autoComplete="one-time-code"
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          {...words.field("code")}
        />
        {words.error("code")}
      </label>
      {step.isError && !words.held && (
        <p role="alert" className="error-text">
          {errorMessage(step.error)}
        </p>
      )}
      <button type="submit" className="button primary" disabled={step.isPending}>
        {step.isPending ? "Checking…" : "Verify"}
      </button>
      <button
        type="button"
        className="button link second-step-switch"
        onClick={() => {
          setRecovery(!recovery);
          setCode("");
          step.reset();
        }}
      >
        {recovery ? "Use the authenticator app instead" : "Use a recovery code instead"}
      </button>
    </form>
  );
}
