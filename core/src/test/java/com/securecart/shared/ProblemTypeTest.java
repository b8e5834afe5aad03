package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

  @Test
  void everySlugIsDistinctLowerCaseKebabAndFoundAgainByItsSlug() {
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug))
        .doesNotHaveDuplicates()
        .allMatch(slug -> slug.matches("[a-z]+(-[a-z]+)*"));
    for (ProblemType type : ProblemType.values()) {
      assertThat(ProblemType.ofSlug(type.slug())).contains(type);
    }
    assertThat(ProblemType.ofSlug("no-such-problem")).isEmpty();
  }

  @Test
  void anExceptionCarriesItsTypeAndItsSlug() {
    DomainException e =
        DomainException.conflict(ProblemType.JOB_RUNNING, "Already running", "a run is going");
    assertThat(e.problemType()).isEqualTo(ProblemType.JOB_RUNNING);
    assertThat(e.type()).isEqualTo("job-running");
    assertThat(DomainException.notFound("Order 7").problemType()).isEqualTo(ProblemType.NOT_FOUND);
  }
}
