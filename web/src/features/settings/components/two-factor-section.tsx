import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { ProblemMessage } from "../../../components/ui/states";
import { TwoFactorSetup } from "../../auth/two-factor-setup";
import { hasRole } from "../../organization/api/organization";
import { useSetSignInPolicy } from "../api/sign-in-policy";

export function TwoFactorSection() {
  const { me } = useOrg();
  const policy = useSetSignInPolicy();
  const owner = hasRole(me.role, "owner");
  return (
    <Card
      id="two-factor"
      title="Two-factor sign-in"
      description="A code from an authenticator app on your phone, asked for after your password."
    >
      <TwoFactorSetup enabled={me.user.twoFactorEnabled} required={me.requireTwoFactor} />
      {owner && (
        <div className="policy-toggle">
          <label className="checkbox">
            <input
              type="checkbox"
              // What was asked shows at once; /me confirms it when it comes back.
              checked={policy.isPending ? policy.variables : me.requireTwoFactor}
              disabled={policy.isPending || (!me.user.twoFactorEnabled && !me.requireTwoFactor)}
              onChange={(e) => policy.mutate(e.target.checked)}
            />
            Require two-factor sign-in of everyone in {me.organization.name}
          </label>
          <p className="muted small">
            {me.user.twoFactorEnabled
              ? "Members without it are asked to set it up before they see anything else."
              : "Turn it on for yourself first."}
          </p>
          <ProblemMessage error={policy.error} />
        </div>
      )}
    </Card>
  );
}
