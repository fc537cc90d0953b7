import { TwoFactorSetup } from "./two-factor-setup";

/** What a member of an organization that requires two-factor sees until they have it. */
export function EnrolTwoFactorPage({
  email,
  organization,
  onSignOut,
}: {
  email: string;
  organization: string;
  onSignOut: () => void;
}) {
  return (
    <main className="sign-in">
      <div className="sign-in-card wide">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>Set up two-factor sign-in</h1>
        <p className="muted">
          {organization} asks everyone for a code from an authenticator app when they sign in.
          Signed in as {email}: set it up to continue.
        </p>
        <TwoFactorSetup enabled={false} required />
        <p className="muted" style={{ marginTop: "1.25rem" }}>
          <button type="button" className="button link" onClick={onSignOut}>
            Sign out
          </button>
        </p>
      </div>
    </main>
  );
}
