package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths are staff-only: the two prefixes and every spelling of them, and nothing else. */
class StaffTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/admin",
        "/admin/",
        "/admin/orders",
        "/admin/orders/7",
        "//admin/orders",
        "/admin//orders",
        "/./admin",
        "/x/../admin/orders",
        "/admin;jsessionid=1/orders",
        "/ADMIN/Orders",
        "/admin/../admin/orders"
      })
  void dashboardPaths(String path) {
    assertThat(Staff.area(path)).isEqualTo(Staff.Area.PAGES);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/admin",
        "/api/admin/",
        "/api/admin/products/1",
        "//api//admin/orders",
        "/api/./admin/orders",
        "/api/x/../admin",
        "/API/Admin/sales",
        "/api;x/admin/mail"
      })
  void apiPaths(String path) {
    assertThat(Staff.area(path)).isEqualTo(Staff.Area.API);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "",
        "/administrator",
        "/adminfoo/orders",
        "/api/adminfoo",
        "/api/administrator/x",
        "/api",
        "/api/products",
        "/products/admin",
        "/account/admin",
        "/admin/../products",
        "/static/admin.css"
      })
  void otherPaths(String path) {
    assertThat(Staff.area(path)).isEqualTo(Staff.Area.NONE);
  }
}
