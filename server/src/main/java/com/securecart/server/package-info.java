/**
 * The SecureCart server: the composition root ({@link com.securecart.server.SecureCart}) that wires
 * every context with plain constructors, and the entry point ({@link com.securecart.server.Main}).
 */
package com.securecart.server;
