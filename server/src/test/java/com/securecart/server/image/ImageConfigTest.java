package com.securecart.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The image profile's defaults in server/pom.xml: the local proof (ContainerImageIT) builds on a
 * Debian base for amd64 only, so nothing else notices if the AWS build loses Corretto 25 or a
 * platform. Whether Corretto's tag really is a multi-arch index is checked only where a registry is
 * reachable.
 */
class ImageConfigTest {
  private static final String PROFILE = "/project/profiles/profile[id='image']";
  private static final String JIB =
      PROFILE + "/build/plugins/plugin[artifactId='jib-maven-plugin']/configuration";

  @Test
  void theDefaultBaseIsCorretto25AndBothGravitonAndX86AreBuilt() throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    Document pom = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    XPath xpath = XPathFactory.newInstance().newXPath();

    assertThat(xpath.evaluate(JIB + "/from/image", pom)).isEqualTo("${image.base}");
    assertThat(xpath.evaluate(PROFILE + "/properties/image.base", pom))
        .isEqualTo("public.ecr.aws/amazoncorretto/amazoncorretto:25-al2023-headless");
    NodeList platforms =
        (NodeList) xpath.evaluate(JIB + "/from/platforms/platform", pom, XPathConstants.NODESET);
    List<String> configured = new ArrayList<>();
    for (int i = 0; i < platforms.getLength(); i++) {
      configured.add(
          xpath.evaluate("os", platforms.item(i))
              + "/"
              + xpath.evaluate("architecture", platforms.item(i)));
    }
    assertThat(configured).containsExactlyInAnyOrder("linux/arm64", "linux/amd64");
  }
}
