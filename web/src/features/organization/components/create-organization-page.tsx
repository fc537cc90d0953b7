import { useId, useMemo, useState } from "react";
import { useFormWords } from "../../../components/ui/use-form-words";
import { useCreateOrganization } from "../api/organization";

const commonCurrencies = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "SEK", "INR", "BRL"];

function guessTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function allTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/** What a signed-in person without an organization sees: a way to create one. */
export function CreateOrganizationForm({ onCreated }: { onCreated?: () => void }) {
  const create = useCreateOrganization();
  const [name, setName] = useState("");
  const [currency, setCurrency] = useState("USD");
  const [timezone, setTimezone] = useState(guessTimeZone);
  const zones = useMemo(allTimeZones, []);
  const currencies = useMemo(() => {
    const supported = Intl.supportedValuesOf("currency");
    return [...commonCurrencies, ...supported.filter((c) => !commonCurrencies.includes(c))];
  }, []);
  const hintId = useId();

  const words = useFormWords(create.error);
  const submit = () => {
    create.mutate({ name: name.trim(), currency, timezone }, { onSuccess: () => onCreated?.() });
  };

  return (
    <form className="form-stack" {...words.form(submit)} aria-describedby={hintId}>
      <p id={hintId} className="muted">
        Goals and money are kept in the currency, and days are counted in the timezone, that you
        choose here.
      </p>
      <label>
        Organization name
        <input
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Acme Cloud"
          autoComplete="organization"
          {...words.field("name")}
        />
        {words.error("name")}
      </label>
      <div className="form-row">
        <label>
          Currency
          <select
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            {...words.field("currency")}
          >
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          {words.error("currency")}
        </label>
        <label>
          Timezone
          <select
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            {...words.field("timezone")}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          {words.error("timezone")}
        </label>
      </div>
      {words.message()}
      <button type="submit" className="button primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}

export function CreateOrganizationPage({ email }: { email: string }) {
  return (
    <main className="sign-in">
      <div className="sign-in-card wide">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Tandem
        </div>
        <h1>Create your organization</h1>
        <p className="muted">
          Signed in as {email}. You are not a member of any organization yet: create one and invite
          your teams, or ask an owner to invite you.
        </p>
        <CreateOrganizationForm />
      </div>
    </main>
  );
}
