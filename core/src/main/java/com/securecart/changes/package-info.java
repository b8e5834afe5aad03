/**
 * The change log: an append-only record of which products and SKUs changed, written in the
 * transaction of the change. Read models (each instance's search index) tail it to stay current;
 * nothing is claimed or consumed.
 */
package com.securecart.changes;
