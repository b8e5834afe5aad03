package com.securecart.server.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SQS for tests: ElasticMQ in this JVM on a free loopback port, and an SDK v2 client on it. A local
 * stand-in: it speaks SQS's API, it is not AWS.
 */
public final class LocalSqs implements AutoCloseable {
  private final SQSRestServer server;
  private final URI endpoint;
  private final SqsClient client;

  private LocalSqs(SQSRestServer server) {
    this.server = server;
    this.endpoint =
        URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
    this.client =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  public static LocalSqs start() {
    return new LocalSqs(SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start());
  }

  /** What a SecureCart instance is told as SECURECART_AWS_ENDPOINT_SQS. */
  public URI endpoint() {
    return endpoint;
  }

  public SqsClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.stopAndWait();
  }
}
