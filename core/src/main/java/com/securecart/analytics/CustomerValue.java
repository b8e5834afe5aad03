package com.securecart.analytics;

import java.time.LocalDate;

/** A customer's paid orders up to a day, for RFM: when last, how many, how much. */
public record CustomerValue(long customer, LocalDate lastOrder, int orders, long spentCents) {}
