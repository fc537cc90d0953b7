import { useEffect } from "react";
import { useLocation } from "react-router";
import { useOrg } from "../../../app/org-context";
import { PageHeader } from "../../../components/ui/page-header";
import { hasRole } from "../../organization/api/organization";
import { AddressNotice } from "./address-notice";
import { ApiKeysSection } from "./api-keys-section";
import { AuditSection } from "./audit-section";
import { ChatChannelsSection } from "./chat-channels-section";
import { CsvImportSection } from "./csv-import-section";
import { DisplaysSection } from "./displays-section";
import { MembersSection } from "./members-section";
import { NotificationsSection } from "./notifications-section";
import { OrganizationSection } from "./organization-section";
import { OutboxSection } from "./outbox-section";
import { SessionsSection } from "./sessions-section";
import { SsoSection } from "./sso-section";
import { TeamsSection } from "./teams-section";
import { TwoFactorSection } from "./two-factor-section";

export function SettingsPage() {
  const { me, format } = useOrg();
  const location = useLocation();
  const owner = hasRole(me.role, "owner");
  const exec = hasRole(me.role, "exec");
  const sections = [
    { id: "organization", label: "Organization", show: true },
    { id: "teams", label: "Teams", show: true },
    { id: "members", label: "Members and roles", show: true },
    { id: "two-factor", label: "Two-factor sign-in", show: true },
    { id: "sso", label: "Single sign-on", show: owner },
    { id: "sessions", label: "Your sessions", show: true },
    { id: "notifications", label: "Your notifications", show: true },
    { id: "chat", label: "Slack and Teams", show: owner },
    { id: "outbox", label: "Email", show: owner },
    { id: "api-keys", label: "API keys", show: owner },
    { id: "displays", label: "Displays", show: exec },
    { id: "import", label: "Import a CSV", show: exec },
    { id: "audit", label: "Audit log", show: owner },
  ].filter((s) => s.show);

  // Links such as /settings#import land on their section once it has rendered.
  useEffect(() => {
    const id = location.hash.slice(1);
    if (id) document.getElementById(id)?.scrollIntoView({ block: "start" });
  }, [location.hash]);

  return (
    <>
      <PageHeader
        title="Settings"
        description={
          owner
            ? "The organization, its people, and how data gets in."
            : "The organization and its people. Owners manage keys and members; executives manage displays and imports."
        }
      />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          {owner && <AddressNotice />}
          <OrganizationSection />
          <TeamsSection canManage={owner} format={format} />
          <MembersSection canManage={owner} />
          <TwoFactorSection />
          {owner && <SsoSection />}
          <SessionsSection format={format} />
          <NotificationsSection />
          {owner && <ChatChannelsSection format={format} />}
          {owner && <OutboxSection format={format} />}
          {owner && <ApiKeysSection format={format} />}
          {exec && <DisplaysSection format={format} />}
          {exec && <CsvImportSection format={format} />}
          {owner && <AuditSection format={format} />}
        </div>
      </div>
    </>
  );
}
