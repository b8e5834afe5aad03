/**
 * Recommendations: an item-to-item collaborative filtering model trained from who bought what
 * ({@link com.securecart.recommendations.Baskets}, {@link
 * com.securecart.recommendations.ItemToItemModel}), with the most popular products as the fallback
 * for customers and products it knows nothing about, and the offline evaluation every trained model
 * carries ({@link com.securecart.recommendations.OfflineEvaluation}: hit rate and NDCG at k on a
 * time split, against popularity). Plain Java, no dependencies: training is counting, and a model
 * is a few arrays served from memory.
 */
package com.securecart.recommendations;
