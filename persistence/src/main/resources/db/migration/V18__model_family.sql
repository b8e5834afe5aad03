-- Which model family a version is (item-to-item or EASE; the nightly job keeps the one that wins on
-- held-out purchases) and the other family's figures on the same split. Versions stored before there
-- was a choice are item-to-item and have no runner-up.
ALTER TABLE recommendation_models ADD COLUMN family VARCHAR(20) DEFAULT 'item-to-item' NOT NULL;
ALTER TABLE recommendation_models ADD COLUMN runner_up_family VARCHAR(20);
ALTER TABLE recommendation_models ADD COLUMN runner_up_hit_rate DOUBLE PRECISION;
ALTER TABLE recommendation_models ADD COLUMN runner_up_ndcg DOUBLE PRECISION;
