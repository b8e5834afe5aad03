/**
 * Where a storefront's recommendations come from: this instance's own model ({@link
 * com.securecart.server.recommendations.Recommender#local}), or the recommendations service over
 * HTTP ({@link com.securecart.server.recommendations.RemoteRecommender}) with a timeout, a circuit
 * and the best-sellers as the answer whenever the service does not give one.
 */
package com.securecart.server.recommendations;
