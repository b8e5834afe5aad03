/**
 * Product search: the query model, the index port and the facade. The index itself (Lucene) is an
 * adapter in the {@code search} module; it is a read model, rebuilt from the catalog and kept
 * current from the change log.
 */
package com.securecart.search;
