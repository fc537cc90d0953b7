import { type FormEvent, useState } from "react";
import { renderSVG } from "uqr";
import { ProblemMessage } from "../../components/ui/states";
import "./two-factor.css";
import {
  secretOf,
  useConfirmEnrolment,
  useNewRecoveryCodes,
  useStartEnrolment,
  useTurnOffTwoFactor,
} from "./two-factor";

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="recovery-codes" role="status">
      <p>
        <strong>Recovery codes.</strong>{" "}
        <span className="muted small">
          Each signs you in once without the app. Keep them somewhere safe: they are not shown
          again.
        </span>
      </p>
      <ul aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PasswordField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <label>
      Your password
      <input
        type="password"
        autoComplete="current-password"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** Enrolment: password, then scan (or type) the secret, keep the recovery codes, prove a code. */
function Enrol() {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");

  if (!start.data) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      start.mutate(password);
    };
    return (
      <form className="inline-form" onSubmit={submit} aria-label="Set up two-factor sign-in">
        <PasswordField value={password} onChange={setPassword} />
        <button type="submit" className="button primary" disabled={start.isPending}>
          Set up two-factor
        </button>
        <ProblemMessage error={start.error} />
      </form>
    );
  }

  const { totpURI, backupCodes } = start.data;
  const qr = `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(totpURI, { border: 2 }))}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.trim());
  };
  return (
    <div className="two-factor-enrol">
      <div className="two-factor-secret">
        <img src={qr} width={176} height={176} alt="QR code for your authenticator app" />
        <div>
          <p>Scan this with an authenticator app (1Password, Google Authenticator, Aegis…).</p>
          <p className="muted small">Or type this key into it:</p>
          <code data-testid="totp-secret" className="totp-secret">
            {secretOf(totpURI)}
          </code>
        </div>
      </div>
      <RecoveryCodes codes={backupCodes} />
      <form className="inline-form" onSubmit={submit} aria-label="Confirm two-factor sign-in">
        <label>
          Code from the app
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary" disabled={confirm.isPending}>
          Turn on
        </button>
        <ProblemMessage error={confirm.error} />
      </form>
    </div>
  );
}

/** Once on: new recovery codes, or off again (unless the organization requires it). */
function Enrolled({ required }: { required: boolean }) {
  const renew = useNewRecoveryCodes();
  const turnOff = useTurnOffTwoFactor();
  const [password, setPassword] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    renew.mutate(password, { onSuccess: () => setPassword("") });
  };
  return (
    <>
      <p>
        <strong>Two-factor sign-in is on.</strong>{" "}
        <span className="muted">Signing in asks for a code from your authenticator app.</span>
      </p>
      <form className="inline-form" onSubmit={submit} aria-label="Manage two-factor sign-in">
        <PasswordField value={password} onChange={setPassword} />
        <button type="submit" className="button" disabled={renew.isPending}>
          New recovery codes
        </button>
        {!required && (
          <button
            type="button"
            className="button danger"
            disabled={turnOff.isPending || !password}
            onClick={() => turnOff.mutate(password)}
          >
            Turn off
          </button>
        )}
      </form>
      <ProblemMessage error={renew.error ?? turnOff.error} />
      {renew.data && <RecoveryCodes codes={renew.data} />}
    </>
  );
}

export function TwoFactorSetup({ enabled, required }: { enabled: boolean; required: boolean }) {
  return enabled ? <Enrolled required={required} /> : <Enrol />;
}
