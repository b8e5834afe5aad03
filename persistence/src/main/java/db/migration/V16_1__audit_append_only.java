package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, a trigger that refuses UPDATE and DELETE on the audit trail, so that not even a
 * hand-written statement through the application's own login rewrites history (TRUNCATE too). A
 * Java migration because the trigger is PL/pgSQL, which H2 cannot parse; on H2 (development and
 * tests) the append-only repository is the only guard (docs/audit.md).
 */
@SuppressWarnings("checkstyle:TypeName") // Flyway reads the version from the class name.
public final class V16_1__audit_append_only extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    String product = context.getConnection().getMetaData().getDatabaseProductName();
    if (!"PostgreSQL".equals(product)) {
      return;
    }
    try (Statement s = context.getConnection().createStatement()) {
      s.execute(
          "CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
              + " BEGIN RAISE EXCEPTION 'audit_entries is append-only' USING ERRCODE = '42501';"
              + " END $$");
      s.execute(
          "CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries"
              + " FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()");
      s.execute(
          "CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries"
              + " FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()");
    }
  }
}
