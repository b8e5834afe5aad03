-- The end of the purchases a model version learnt from: serving instances serve the version trained
-- through the latest instant, so that re-running the nightly job for an earlier day stores a
-- version for that day without taking the shop back to older purchases.
ALTER TABLE recommendation_models ADD COLUMN trained_through TIMESTAMP WITH TIME ZONE;
