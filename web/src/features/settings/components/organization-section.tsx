import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { Stat } from "../../../components/ui/stat";
import { roleLabels } from "../../organization/api/organization";
import { CreateOrganizationForm } from "../../organization/components/create-organization-page";

const months = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat("en", { month: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(2024, i, 1)),
  ),
);

export function OrganizationSection() {
  const { me } = useOrg();
  const { organization } = me;
  return (
    <Card
      id="organization"
      title="Organization"
      description="Money is kept in the currency and days are counted in the timezone below."
    >
      <dl className="dl-grid">
        <Stat label="Name" value={organization.name} />
        <Stat label="Currency" value={organization.currency} />
        <Stat label="Timezone" value={organization.timezone} />
        <Stat
          label="Fiscal year starts"
          value={months[organization.fiscalStartMonth - 1] ?? "January"}
        />
        <Stat
          label="Your role"
          value={roleLabels[me.role]}
          hint={me.team ? `Team: ${me.team.name}` : "No team"}
        />
      </dl>
      <details className="more">
        <summary>Create another organization</summary>
        <CreateOrganizationForm />
      </details>
    </Card>
  );
}
