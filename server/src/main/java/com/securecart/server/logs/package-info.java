/** What goes into the logs: exceptions without their messages. */
package com.securecart.server.logs;
