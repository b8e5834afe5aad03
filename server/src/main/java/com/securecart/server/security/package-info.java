/** Security adapters: password hashing. */
package com.securecart.server.security;
