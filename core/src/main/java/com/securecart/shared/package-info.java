/**
 * The shared kernel: typed ids, money, the typed error hierarchy, and the ports every context uses
 * (transactions and the outbox). Nothing here knows about HTTP, SQL or AWS.
 */
package com.securecart.shared;
