import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useOrg } from "../../../app/org-context";
import { Card } from "../../../components/ui/card";
import { ErrorState, LoadingState, ProblemMessage } from "../../../components/ui/states";
import { useFormWords } from "../../../components/ui/use-form-words";
import { type Role, roleLabels } from "../../organization/api/organization";
import { membersQuery, useInviteMember, useRemoveMember, useUpdateMember } from "../api/members";
import { useSignMemberOut } from "../api/sessions";
import { teamsQuery } from "../api/teams";
import { SecretOnce } from "./secret-once";

const roles: Role[] = ["viewer", "member", "lead", "exec", "owner"];

function isRole(value: string): value is Role {
  return roles.some((r) => r === value);
}

const roleHelp =
  "Viewers read; members also give lead feedback; leads check in for their team; executives set the goal and plan; owners manage people, keys and data.";

export function MembersSection({ canManage }: { canManage: boolean }) {
  const { me, format } = useOrg();
  const people = useQuery(membersQuery);
  const teams = useQuery(teamsQuery);
  const invite = useInviteMember();
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const signOut = useSignMemberOut();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("lead");
  const [teamId, setTeamId] = useState("");

  const words = useFormWords(invite.error);
  const submit = () => {
    invite.mutate(
      { email: email.trim(), role, teamId: teamId || null },
      { onSuccess: () => setEmail("") },
    );
  };
  const teamName = (id: string | null) => teams.data?.find((t) => t.id === id)?.name ?? "—";

  return (
    <Card id="members" title="Members and roles" description={roleHelp}>
      {canManage && (
        <form className="inline-form" {...words.form(submit)} aria-label="Invite a member">
          <label>
            Email
            <input
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              {...words.field("email")}
            />
            {words.error("email")}
          </label>
          <label>
            Role
            <select
              value={role}
              onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
              {...words.field("role")}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            {words.error("role")}
          </label>
          <label>
            Team
            <select
              value={teamId}
              onChange={(e) => setTeamId(e.target.value)}
              {...words.field("teamId")}
            >
              <option value="">No team</option>
              {teams.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {words.error("teamId")}
          </label>
          <button type="submit" className="button primary" disabled={invite.isPending}>
            Invite
          </button>
        </form>
      )}
      {words.message()}
      <ProblemMessage error={update.error ?? remove.error ?? signOut.error} />
      {signOut.data && (
        <p className="muted small" role="status">
          Signed out of {signOut.data.ended} session{signOut.data.ended === 1 ? "" : "s"}.
        </p>
      )}
      {invite.data?.kind === "invitation" && (
        <SecretOnce
          label={`Invitation for ${invite.data.invitation.email}`}
          value={invite.data.invitation.acceptUrl}
          note={
            invite.data.mail === "sent"
              ? "Emailed to them. The link is here too: they sign in or sign up with that email, then accept."
              : invite.data.mail === "outbox"
                ? "No mail server is set up, so the email waits in the outbox (below): send them this link."
                : "The email could not be sent: send them this link. They sign in or sign up with that email, then accept."
          }
        />
      )}
      {people.isPending ? (
        <LoadingState rows={3} />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => people.refetch()} />
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Team</th>
                {canManage && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {people.data.members.map((m) => {
                const self = m.userId === me.user.id;
                return (
                  <tr key={m.id}>
                    <th scope="row">
                      {m.name}
                      {self && <span className="muted small"> (you)</span>}
                    </th>
                    <td>{m.email}</td>
                    <td>
                      {canManage ? (
                        <select
                          aria-label={`Role of ${m.name}`}
                          value={m.role}
                          disabled={update.isPending}
                          onChange={(e) =>
                            isRole(e.target.value) &&
                            update.mutate({ id: m.id, changes: { role: e.target.value } })
                          }
                        >
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {roleLabels[r]}
                            </option>
                          ))}
                        </select>
                      ) : (
                        roleLabels[m.role]
                      )}
                    </td>
                    <td>
                      {canManage ? (
                        <select
                          aria-label={`Team of ${m.name}`}
                          value={m.teamId ?? ""}
                          disabled={update.isPending}
                          onChange={(e) =>
                            update.mutate({ id: m.id, changes: { teamId: e.target.value || null } })
                          }
                        >
                          <option value="">No team</option>
                          {teams.data?.map((t) => (
                            <option key={t.id} value={t.id}>
                              {t.name}
                            </option>
                          ))}
                        </select>
                      ) : (
                        teamName(m.teamId)
                      )}
                    </td>
                    {canManage && (
                      <td className="num">
                        {!self && (
                          <button
                            type="button"
                            className="button small"
                            aria-label={`Sign out ${m.name} everywhere`}
                            disabled={signOut.isPending}
                            onClick={() => {
                              if (window.confirm(`Sign ${m.name} out on every device?`))
                                signOut.mutate(m.id);
                            }}
                          >
                            Sign out
                          </button>
                        )}{" "}
                        {!self && (
                          <button
                            type="button"
                            className="button small danger"
                            disabled={remove.isPending}
                            onClick={() => {
                              if (window.confirm(`Remove ${m.name} from ${me.organization.name}?`))
                                remove.mutate(m.id);
                            }}
                          >
                            Remove
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {people.data.invitations.length > 0 && (
            <>
              <h3 style={{ marginTop: "1.25rem" }}>Pending invitations</h3>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Team</th>
                      <th scope="col">Expires</th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.data.invitations.map((i) => (
                      <tr key={i.id}>
                        <th scope="row">{i.email}</th>
                        <td>{roleLabels[i.role]}</td>
                        <td>{teamName(i.teamId)}</td>
                        <td className="muted">{format.dateTime(i.expiresAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
