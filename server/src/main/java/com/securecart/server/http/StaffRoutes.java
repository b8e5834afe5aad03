package com.securecart.server.http;

import com.securecart.identity.Invitation;
import com.securecart.identity.StaffApi;
import com.securecart.identity.StaffMember;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Staff accounts over JSON: the owner's list, invitations, roles and disabling, and a staff
 * member's own recovery codes. The staff-only filter admits only the permission each needs, with a
 * step-up for every write ({@link Staff#permission}).
 */
public final class StaffRoutes implements RouteTable.Api {
  record InviteRequest(String email, String role) {}

  record RoleRequest(String role) {}

  record InvitationJson(
      String token, String email, String role, Instant expiresAt, String acceptUrl) {
    static InvitationJson of(Invitation i) {
      return new InvitationJson(
          i.token(),
          i.email(),
          i.role().name(),
          i.expiresAt(),
          "/admin/invitation?token=" + i.token());
    }
  }

  record MemberJson(
      long id, String email, String name, String role, boolean mfaEnrolled, boolean disabled) {
    static MemberJson of(StaffMember m) {
      return new MemberJson(
          m.id().value(), m.email(), m.name(), m.role().name(), m.mfaEnrolled(), m.disabled());
    }
  }

  private final Http http;
  private final StaffApi staff;
  private final StaffAccountChanges changes;

  public StaffRoutes(Http http, StaffApi staff, StaffAccountChanges changes) {
    this.http = http;
    this.staff = staff;
    this.changes = changes;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/api/admin/staff", this::list)
        .post("/api/admin/staff/invitations", this::invite)
        .put("/api/admin/staff/{id}/role", this::changeRole)
        .post("/api/admin/staff/{id}/disable", this::disable)
        .post("/api/admin/me/recovery-codes", this::recoveryCodes);
  }

  private void list(ServerRequest req, ServerResponse res) {
    http.ok(res, Map.of("items", staff.list().stream().map(MemberJson::of).toList()));
  }

  private void invite(ServerRequest req, ServerResponse res) {
    InviteRequest body = http.body(req, InviteRequest.class);
    Invitation invitation =
        changes.invite(req, Staff.principal(req), body.email(), role(body.role()));
    http.send(res, 201, InvitationJson.of(invitation));
  }

  private void changeRole(ServerRequest req, ServerResponse res) {
    RoleRequest body = http.body(req, RoleRequest.class);
    changes.changeRole(req, Staff.principal(req), id(req), role(body.role()));
    Http.noContent(res);
  }

  private void disable(ServerRequest req, ServerResponse res) {
    changes.disable(req, Staff.principal(req), id(req));
    Http.noContent(res);
  }

  private void recoveryCodes(ServerRequest req, ServerResponse res) {
    List<String> codes = changes.newRecoveryCodes(req, Staff.principal(req));
    http.ok(res, Map.of("codes", codes));
  }

  private static CustomerId id(ServerRequest req) {
    return new CustomerId(Http.pathId(req, "id", "Staff member"));
  }

  private static Role role(String name) {
    try {
      Role role = Role.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
      if (role.staff()) {
        return role;
      }
    } catch (IllegalArgumentException e) {
      // falls through to the validation error
    }
    throw new ValidationException(
        "role",
        "must be one of "
            + Arrays.stream(Role.values()).filter(Role::staff).map(Role::name).toList());
  }
}
