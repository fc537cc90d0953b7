import { useState } from "react";
import { fieldMessage } from "../../../components/ui/field-error";
import { useFormWords } from "../../../components/ui/use-form-words";
import { errorMessage } from "../../../lib/api-client";
import { roleLabels } from "../../organization/api/organization";
import { type SsoInput, type SsoSettings, useSaveSso, useTestSso } from "../api/sso";

type Role = SsoSettings["defaultRole"];
const roles: Role[] = ["viewer", "member", "lead", "exec", "owner"];
const defaultRoles = roles.filter((r) => r !== "owner");
const isRole = (value: string): value is Role => roles.some((r) => r === value);

interface Draft {
  enabled: boolean;
  displayName: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  defaultRole: Role;
  scopes: string;
  roleClaim: string;
  roleMap: { claim: string; role: Role }[];
  passwordSignIn: boolean;
}

const draftOf = (s: SsoSettings): Draft => ({
  enabled: s.enabled,
  displayName: s.displayName,
  discoveryUrl: s.discoveryUrl,
  clientId: s.clientId,
  clientSecret: "",
  domains: s.domains.join(", "),
  defaultRole: s.defaultRole,
  scopes: s.scopes.filter((x) => !["openid", "email", "profile"].includes(x)).join(" "),
  roleClaim: s.roleClaim,
  roleMap: s.roleMap,
  passwordSignIn: s.passwordSignIn,
});

function inputOf(draft: Draft): SsoInput {
  const list = (text: string, separator: RegExp) =>
    text
      .split(separator)
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    enabled: draft.enabled,
    displayName: draft.displayName,
    discoveryUrl: draft.discoveryUrl,
    clientId: draft.clientId,
    ...(draft.clientSecret && { clientSecret: draft.clientSecret }),
    domains: list(draft.domains, /[\s,]+/),
    defaultRole: draft.defaultRole === "owner" ? "exec" : draft.defaultRole,
    scopes: list(draft.scopes, /[\s,]+/),
    roleClaim: draft.roleClaim,
    roleMap: draft.roleMap,
    passwordSignIn: draft.passwordSignIn,
  };
}

export function SsoForm({ settings }: { settings: SsoSettings }) {
  const save = useSaveSso();
  const test = useTestSso();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const set = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });
  // The test's answer about the address belongs under that field too; its other errors (the
  // provider did not answer) are said beside the test button.
  const words = useFormWords(
    save.error ?? (fieldMessage(test.error, "discoveryUrl") ? test.error : null),
  );
  const submit = () => {
    save.mutate(
      { version: settings.version, settings: inputOf(draft) },
      { onSuccess: (saved) => setDraft(draftOf(saved)) },
    );
  };

  return (
    <form {...words.form(submit)} className="form-stack sso-form" aria-label="Single sign-on">
      {settings.source === "none" && (
        <p className="muted">
          No provider yet. Register Tandem as an application (a "web" client) at your identity
          provider with the redirect address below, then fill in what it gives you.
        </p>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        Single sign-on is on
      </label>
      <label>
        Redirect address
        <input
          readOnly
          value={settings.redirectUri}
          aria-describedby="sso-redirect-hint"
          onFocus={(e) => e.target.select()}
        />
        <span id="sso-redirect-hint" className="field-hint">
          Register this exact address at the provider as the application's redirect (callback) URI.
        </span>
      </label>
      <div className="form-row">
        <label>
          Provider address
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            value={draft.discoveryUrl}
            placeholder="https://login.example.com"
            required
            onChange={(e) => set({ discoveryUrl: e.target.value })}
            {...words.field("discoveryUrl", { describedBy: "sso-url-hint" })}
          />
          {words.error("discoveryUrl")}
          <span id="sso-url-hint" className="field-hint">
            The issuer, or its discovery document (…/.well-known/openid-configuration). Read when
            you save or test.
          </span>
        </label>
        <label>
          Button name
          <input
            value={draft.displayName}
            maxLength={60}
            placeholder="Okta"
            required
            onChange={(e) => set({ displayName: e.target.value })}
            {...words.field("displayName", { describedBy: "sso-name-hint" })}
          />
          {words.error("displayName")}
          <span id="sso-name-hint" className="field-hint">
            The sign-in screen says “Sign in with {draft.displayName.trim() || "…"}”.
          </span>
        </label>
      </div>
      <div className="form-row">
        <label>
          Client ID
          <input
            autoComplete="off"
            value={draft.clientId}
            required
            onChange={(e) => set({ clientId: e.target.value })}
            {...words.field("clientId", { describedBy: "sso-client-hint" })}
          />
          {words.error("clientId")}
          <span id="sso-client-hint" className="field-hint">
            The application's ID at the provider.
          </span>
        </label>
        <label>
          Client secret
          <input
            type="password"
            autoComplete="new-password"
            value={draft.clientSecret}
            placeholder={settings.clientSecretSet ? "Kept — type to replace it" : ""}
            onChange={(e) => set({ clientSecret: e.target.value })}
            {...words.field("clientSecret", { describedBy: "sso-secret-hint" })}
          />
          {words.error("clientSecret")}
          <span id="sso-secret-hint" className="field-hint">
            {settings.clientSecretSet
              ? "A secret is stored (encrypted). It is never shown; leave this empty to keep it."
              : "Stored encrypted and never shown again."}
          </span>
        </label>
      </div>
      <label>
        Email domains
        <input
          autoComplete="off"
          value={draft.domains}
          placeholder="example.com, example.co.uk"
          onChange={(e) => set({ domains: e.target.value })}
          {...words.field("domains", { describedBy: "sso-domains-hint", list: true })}
        />
        {words.error("domains")}
        <span id="sso-domains-hint" className="field-hint">
          People whose email ends in these are offered single sign-on, and join this organization
          the first time. Anyone else the provider signs in is sent back.
        </span>
      </label>
      <div className="form-row">
        <label>
          Role on joining
          <select
            value={draft.defaultRole}
            onChange={(e) => isRole(e.target.value) && set({ defaultRole: e.target.value })}
            {...words.field("defaultRole", { describedBy: "sso-role-hint" })}
          >
            {defaultRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
          {words.error("defaultRole")}
          <span id="sso-role-hint" className="field-hint">
            For someone none of whose groups is mapped below.
          </span>
        </label>
        <label>
          Groups claim
          <input
            autoComplete="off"
            value={draft.roleClaim}
            placeholder="groups"
            required
            onChange={(e) => set({ roleClaim: e.target.value })}
            {...words.field("roleClaim", { describedBy: "sso-claim-hint" })}
          />
          {words.error("roleClaim")}
          <span id="sso-claim-hint" className="field-hint">
            The claim of the ID token that lists the person's groups.
          </span>
        </label>
        <label>
          Extra scopes
          <input
            autoComplete="off"
            value={draft.scopes}
            placeholder="groups"
            onChange={(e) => set({ scopes: e.target.value })}
            {...words.field("scopes", { describedBy: "sso-scopes-hint" })}
          />
          {words.error("scopes")}
          <span id="sso-scopes-hint" className="field-hint">
            openid, email and profile are always asked; some providers release groups only with a
            scope of their own.
          </span>
        </label>
      </div>
      <fieldset className="plain-fieldset form-stack">
        <legend>Groups to roles</legend>
        <p className="field-hint">
          At every sign-in a member gets the highest role any of their groups maps to, so roles are
          managed at the provider. Leave empty to set roles under Members and roles instead.
        </p>
        {draft.roleMap.map((mapping, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
          <div className="form-row sso-mapping" key={i}>
            <label>
              Group
              <input
                value={mapping.claim}
                placeholder="tandem-execs"
                required
                onChange={(e) =>
                  set({
                    roleMap: draft.roleMap.map((m, j) =>
                      j === i ? { ...m, claim: e.target.value } : m,
                    ),
                  })
                }
                {...words.field(`roleMap.${i}.claim`)}
              />
              {words.error(`roleMap.${i}.claim`)}
            </label>
            <label>
              Role
              <select
                value={mapping.role}
                onChange={(e) => {
                  const role = e.target.value;
                  if (isRole(role))
                    set({ roleMap: draft.roleMap.map((m, j) => (j === i ? { ...m, role } : m)) });
                }}
                {...words.field(`roleMap.${i}.role`)}
              >
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button small"
              aria-label={`Remove the mapping of ${mapping.claim || "this group"}`}
              onClick={() => set({ roleMap: draft.roleMap.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <div>
          <button
            type="button"
            className="button small"
            onClick={() => set({ roleMap: [...draft.roleMap, { claim: "", role: "member" }] })}
          >
            Add a group
          </button>
        </div>
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.passwordSignIn}
          onChange={(e) => set({ passwordSignIn: e.target.checked })}
          {...words.field("passwordSignIn", { describedBy: "sso-password-hint" })}
        />
        Members of these domains may also sign in with a password
      </label>
      {words.error("passwordSignIn")}
      <span id="sso-password-hint" className="field-hint">
        Turned off, they can sign in only through the provider. Possible once someone has signed in
        through it.
      </span>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button
          type="button"
          className="button"
          disabled={test.isPending}
          onClick={() => test.mutate(draft.discoveryUrl)}
        >
          {test.isPending ? "Testing…" : "Test connection"}
        </button>
      </div>
      {test.isSuccess && (
        <p role="status" className="success-text">
          Connected: {test.data.issuer} answers as an OpenID Connect provider.
        </p>
      )}
      {test.isError && !fieldMessage(test.error, "discoveryUrl") && (
        <p role="alert" className="error-text">
          {errorMessage(test.error)}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="field-hint">
          Saved. It counts at the next sign-in.
        </p>
      )}
      {words.message()}
    </form>
  );
}
