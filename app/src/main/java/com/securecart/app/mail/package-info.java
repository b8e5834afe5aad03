/** E-mail adapters: JTE templates for the messages, and SMTP over Jakarta Mail (Eclipse Angus). */
package com.securecart.app.mail;
