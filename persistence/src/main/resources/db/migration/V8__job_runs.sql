-- The ledger of batch runs (docs/adr/0013): one row per job and day, held by the running attempt's
-- heartbeat, and the stages finished since the day last started over, so that a crashed or failed
-- run is resumed where it stopped and two runs of one day never overlap.
CREATE TABLE job_runs (
  job          VARCHAR(40) NOT NULL,
  run_day      DATE NOT NULL,
  attempt      INTEGER NOT NULL,
  status       VARCHAR(8) NOT NULL,
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
  finished_at  TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (job, run_day)
);

CREATE TABLE job_stages (
  job         VARCHAR(40) NOT NULL,
  run_day     DATE NOT NULL,
  stage       VARCHAR(40) NOT NULL,
  summary     VARCHAR(2000) NOT NULL,
  finished_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (job, run_day, stage),
  FOREIGN KEY (job, run_day) REFERENCES job_runs (job, run_day)
);
