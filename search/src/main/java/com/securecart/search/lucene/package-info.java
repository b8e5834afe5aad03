/**
 * The Lucene adapter of the search port: it owns the product index on disk (one per instance), how
 * products become documents (analysis, facet doc values, sort fields), how a shopper's plain words
 * become a query (typo tolerance, prefix, field boosts, no query syntax), facet counting, hit
 * highlighting, "did you mean" and name completion. The index is a read model: it can be deleted
 * and rebuilt from the catalog at any time; its last commit records the change-log cursor it
 * reflects.
 */
package com.securecart.search.lucene;
