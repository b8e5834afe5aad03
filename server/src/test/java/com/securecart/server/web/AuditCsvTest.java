package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditCsvTest {
  @Test
  void cellsThatASpreadsheetWouldRunAreDefused() {
    assertThat(AuditCsv.cell("=1+1")).isEqualTo("\"'=1+1\"");
    assertThat(AuditCsv.cell("+1")).isEqualTo("\"'+1\"");
    assertThat(AuditCsv.cell("-1")).isEqualTo("\"'-1\"");
    assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(AuditCsv.cell("\tx")).isEqualTo("\"'\tx\"");
  }

  @Test
  void otherCellsAreQuotedAsTheyAre() {
    assertThat(AuditCsv.cell("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
    assertThat(AuditCsv.cell("")).isEqualTo("\"\"");
    assertThat(AuditCsv.cell("1=1")).isEqualTo("\"1=1\"");
  }
}
