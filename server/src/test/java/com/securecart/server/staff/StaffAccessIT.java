package com.securecart.server.staff;

import com.securecart.server.testing.TestDatabases.Engine;

/** Staff access on the embedded database. */
class StaffAccessIT extends StaffAccessCases {
  @Override
  Engine engine() {
    return Engine.H2;
  }
}
