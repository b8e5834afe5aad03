/**
 * The composition root: {@link com.securecart.app.Contexts#wire} builds every bounded context, the
 * order pipeline and its steps from {@link com.securecart.app.AppSettings}, a database and a clock.
 * Plain Java, so that the server, the batch command, the benchmarks, the tests and AWS Lambda
 * handlers all wire SecureCart the same way.
 */
package com.securecart.app;
