package com.securecart.server.web;

/**
 * What the layout of every page needs: the title, who is signed in, the CSRF token for its forms,
 * the static files' versioned URLs and the search text to keep in the header's search box.
 */
public record PageContext(
    String title, String userEmail, boolean admin, String csrf, Assets assets, String query) {

  public boolean signedIn() {
    return userEmail != null;
  }

  public String asset(String name) {
    return assets.url(name);
  }

  public PageContext withQuery(String text) {
    return new PageContext(title, userEmail, admin, csrf, assets, text);
  }
}
