/**
 * Recommendations: models trained from who bought what ({@link
 * com.securecart.recommendations.Baskets}) and served as per-product neighbour lists ({@link
 * com.securecart.recommendations.ItemToItemModel}), with the most popular products as the fallback
 * for customers and products it knows nothing about, and the offline evaluation every trained model
 * carries ({@link com.securecart.recommendations.OfflineEvaluation}: hit rate and NDCG at k on a
 * time split, against popularity). Two families learn the neighbour weights: item-to-item cosine
 * (counting) and EASE (a closed-form linear model, {@link
 * com.securecart.recommendations.EaseTrainer}); the nightly job keeps whichever scores better.
 * EASE's matrix inverse is the package's one dependency, OpenBLAS's LAPACK through JavaCPP, used by
 * {@link com.securecart.recommendations.Lapack} only: measured ten times faster than pure-Java EJML
 * (docs/recommendations.md, ADR 0023). A model is a few arrays served from memory.
 */
package com.securecart.recommendations;
