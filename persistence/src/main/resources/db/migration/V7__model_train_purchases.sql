-- How many purchase lines the evaluated model was trained on (before the evaluation's cut-off), so
-- that a stored version's quality reads back as it was measured.
ALTER TABLE recommendation_models ADD COLUMN train_purchases INTEGER;
