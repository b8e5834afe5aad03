/** Security adapters: password hashing. */
package com.securecart.app.security;
