-- What the nightly job keeps per day (issue 6). Each day's rows are replaced together in one
-- transaction, so a re-run of a day replaces it and a crashed run leaves the previous result.
CREATE TABLE analytics_days (
  report_day          DATE    PRIMARY KEY,
  orders_placed       INTEGER NOT NULL,
  paid_orders         INTEGER NOT NULL,
  revenue_cents       BIGINT  NOT NULL,
  units               BIGINT  NOT NULL,
  payment_failures    INTEGER NOT NULL,
  cancellations       INTEGER NOT NULL,
  carts_created       INTEGER NOT NULL,
  new_customers       INTEGER NOT NULL,
  returning_customers INTEGER NOT NULL,
  computed_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE analytics_top (
  report_day    DATE         NOT NULL REFERENCES analytics_days (report_day),
  dimension     VARCHAR(16)  NOT NULL,
  place         INTEGER      NOT NULL,
  item_key      VARCHAR(300) NOT NULL,
  units         BIGINT       NOT NULL,
  revenue_cents BIGINT       NOT NULL,
  PRIMARY KEY (report_day, dimension, place)
);

CREATE TABLE analytics_segments (
  report_day DATE       NOT NULL REFERENCES analytics_days (report_day),
  segment   VARCHAR(32) NOT NULL,
  customers INTEGER     NOT NULL,
  PRIMARY KEY (report_day, segment)
);

-- The nightly figures read orders by the day they were placed.
CREATE INDEX orders_created ON orders (created_at);
