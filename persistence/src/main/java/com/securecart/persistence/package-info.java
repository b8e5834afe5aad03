/**
 * The JDBI adapters behind the core's repository ports, the transaction manager and the migrations.
 * This is the only code in SecureCart that writes SQL; every statement runs on PostgreSQL and on H2
 * in PostgreSQL mode.
 */
package com.securecart.persistence;
