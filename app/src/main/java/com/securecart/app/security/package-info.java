/** Security adapters: password hashing (Argon2id) and password strength estimation (zxcvbn). */
package com.securecart.app.security;
