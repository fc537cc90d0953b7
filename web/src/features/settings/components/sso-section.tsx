import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { Stat } from "../../../components/ui/stat";
import { ErrorState, LoadingState } from "../../../components/ui/states";
import { roleLabels } from "../../organization/api/organization";
import { type SsoSettings, ssoQuery } from "../api/sso";
import { SsoForm } from "./sso-form";

/** The environment's provider (TANDEM_OIDC_*): shown, not editable here. */
function EnvironmentProvider({ settings }: { settings: SsoSettings }) {
  return (
    <>
      <p className="muted">
        Set by the server's environment (<code>TANDEM_OIDC_*</code>), which wins over this screen;
        change it there and restart.
      </p>
      <dl className="dl-grid">
        <Stat label="Provider" value={settings.discoveryUrl} />
        <Stat label="Client ID" value={settings.clientId} />
        <Stat label="Email domains" value={settings.domains.join(", ")} />
        <Stat label="Default role" value={roleLabels[settings.defaultRole]} />
        <Stat label="Password sign-in" value={settings.passwordSignIn ? "Allowed" : "Off"} />
      </dl>
    </>
  );
}

/** Owners connect the organization's OpenID Connect provider (Okta, Entra ID, Keycloak…). */
export function SsoSection() {
  const sso = useQuery(ssoQuery);
  return (
    <Card
      id="sso"
      title="Single sign-on"
      description="People of your email domains sign in through your identity provider (OpenID Connect) and join this organization. Changes count at the next sign-in."
    >
      {sso.isPending ? (
        <LoadingState rows={4} />
      ) : sso.isError ? (
        <ErrorState error={sso.error} onRetry={() => sso.refetch()} />
      ) : sso.data.source === "environment" ? (
        <EnvironmentProvider settings={sso.data} />
      ) : (
        <SsoForm settings={sso.data} />
      )}
    </Card>
  );
}
