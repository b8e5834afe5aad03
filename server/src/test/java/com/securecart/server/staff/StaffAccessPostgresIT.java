package com.securecart.server.staff;

import com.securecart.server.testing.TestDatabases.Engine;

/** Staff access on PostgreSQL, where the atomic check-and-set statements matter most. */
class StaffAccessPostgresIT extends StaffAccessCases {
  @Override
  Engine engine() {
    return Engine.POSTGRES;
  }
}
