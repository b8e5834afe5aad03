package com.securecart.server.http;

import com.securecart.audit.AuditApi;
import com.securecart.audit.AuditApi.Change;
import com.securecart.identity.Invitation;
import com.securecart.identity.StaffApi;
import com.securecart.identity.StaffMember;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Principal;
import com.securecart.shared.Role;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Map;

/**
 * The owner's changes to staff accounts and a staff member's new recovery codes, each with its
 * audit entry in the change's transaction, as {@link StaffChanges} does for the catalog. The JSON
 * routes and the staff pages change staff accounts only through here. No secret (invitation token,
 * recovery code) is ever written to an entry.
 */
public final class StaffAccountChanges {
  private final AuditApi audit;
  private final StaffApi staff;

  public StaffAccountChanges(AuditApi audit, StaffApi staff) {
    this.audit = audit;
    this.staff = staff;
  }

  public Invitation invite(ServerRequest req, Principal owner, String email, Role role) {
    return audit.record(
        Staff.actor(req),
        () -> {
          Invitation invitation = staff.invite(owner, email, role);
          return new Change<>(
              invitation,
              "staff.invited",
              "staff_invitation",
              invitation.email(),
              Map.of(),
              Map.of(
                  "email", invitation.email(),
                  "role", invitation.role().name(),
                  "expiresAt", invitation.expiresAt().toString()));
        });
  }

  public void changeRole(ServerRequest req, Principal owner, CustomerId id, Role role) {
    audit.record(
        Staff.actor(req),
        () -> {
          String before = member(id).role().name();
          staff.changeRole(owner, id, role);
          return new Change<>(
              null,
              "staff.role.changed",
              "staff",
              Long.toString(id.value()),
              Map.of("role", before),
              Map.of("role", role.name()));
        });
  }

  public void disable(ServerRequest req, Principal owner, CustomerId id) {
    audit.record(
        Staff.actor(req),
        () -> {
          boolean before = member(id).disabled();
          staff.disable(owner, id);
          return new Change<>(
              null,
              "staff.disabled",
              "staff",
              Long.toString(id.value()),
              Map.of("disabled", Boolean.toString(before)),
              Map.of("disabled", "true"));
        });
  }

  public List<String> newRecoveryCodes(ServerRequest req, Principal self) {
    return audit.record(
        Staff.actor(req),
        () ->
            new Change<>(
                staff.newRecoveryCodes(self),
                "staff.recovery_codes.renewed",
                "staff",
                Long.toString(self.customerId().value()),
                Map.of(),
                Map.of()));
  }

  /** The member as the list shows it; an unknown id is left for the facade to refuse. */
  private StaffMember member(CustomerId id) {
    return staff.list().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElse(new StaffMember(id, "", "", Role.SUPPORT, false, false));
  }
}
