/**
 * The SecureCart server: an instance ({@link com.securecart.server.SecureCart}) is the HTTP server
 * ({@link com.securecart.server.ServerRoutes}) and the background parts its roles run, built from
 * the contexts that {@code app}'s {@code Contexts.wire} wires; and the entry point ({@link
 * com.securecart.server.Main}).
 */
package com.securecart.server;
