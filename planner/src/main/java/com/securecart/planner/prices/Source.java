package com.securecart.planner.prices;

import java.time.LocalDate;

/** Where part of the snapshot comes from and how old its figures are. */
public record Source(String file, String origin, LocalDate date) {}
