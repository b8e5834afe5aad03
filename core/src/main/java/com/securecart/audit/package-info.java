/**
 * The audit trail owns the append-only record of what staff changed: who (account and e-mail), what
 * (a dotted action and its target), the fields before and after, from which client address, when
 * and under which trace. Entries are written in the transaction of the change they describe, so
 * that no change commits without its entry; the port can only add and read entries. It also keeps
 * the client addresses each staff account signed in from, so that a sign-in from a new one can be
 * reported.
 */
package com.securecart.audit;
