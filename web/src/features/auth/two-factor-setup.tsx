import { useState } from "react";
import { renderSVG } from "uqr";
import { type FormWords, useFormWords } from "../../components/ui/use-form-words";
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

function PasswordField({
  value,
  onChange,
  words,
}: {
  value: string;
  onChange: (v: string) => void;
  words: FormWords;
}) {
  return (
    <label>
      Your password
      <input
        type="password"
        autoComplete="current-password"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...words.field("password")}
      />
      {words.error("password")}
    </label>
  );
}

/** Enrolment: password, then scan (or type) the secret, keep the recovery codes, prove a code. */
function Enrol() {
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const startWords = useFormWords(start.error);
  const confirmWords = useFormWords(confirm.error);

  if (!start.data) {
    return (
      <form
        className="inline-form"
        {...startWords.form(() => start.mutate(password))}
        aria-label="Set up two-factor sign-in"
      >
        <PasswordField value={password} onChange={setPassword} words={startWords} />
        <button type="submit" className="button primary" disabled={start.isPending}>
          Set up two-factor
        </button>
        {startWords.message()}
      </form>
    );
  }

  const { totpURI, backupCodes } = start.data;
  const qr = `data:image/svg+xml;utf8,${encodeURIComponent(renderSVG(totpURI, { border: 2 }))}`;
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
      <form
        className="inline-form"
        {...confirmWords.form(() => confirm.mutate(code.trim()))}
        aria-label="Confirm two-factor sign-in"
      >
        <label>
          Code from the app
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            data-pattern-words="must be the 6 digits the app shows"
            maxLength={6}
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
            {...confirmWords.field("code")}
          />
          {confirmWords.error("code")}
        </label>
        <button type="submit" className="button primary" disabled={confirm.isPending}>
          Turn on
        </button>
        {confirmWords.message()}
      </form>
    </div>
  );
}

/** Once on: new recovery codes, or off again (unless the organization requires it). */
function Enrolled({ required }: { required: boolean }) {
  const renew = useNewRecoveryCodes();
  const turnOff = useTurnOffTwoFactor();
  const [password, setPassword] = useState("");
  const words = useFormWords(renew.error ?? turnOff.error);
  const submit = () => renew.mutate(password, { onSuccess: () => setPassword("") });
  return (
    <>
      <p>
        <strong>Two-factor sign-in is on.</strong>{" "}
        <span className="muted">Signing in asks for a code from your authenticator app.</span>
      </p>
      <form className="inline-form" {...words.form(submit)} aria-label="Manage two-factor sign-in">
        <PasswordField value={password} onChange={setPassword} words={words} />
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
      {words.message()}
      {renew.data && <RecoveryCodes codes={renew.data} />}
    </>
  );
}

export function TwoFactorSetup({ enabled, required }: { enabled: boolean; required: boolean }) {
  return enabled ? <Enrolled required={required} /> : <Enrol />;
}
