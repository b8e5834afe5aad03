package com.securecart.server.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who sent a request, as far as the network can tell: the peer address, or, when the peer is a
 * configured trusted proxy, the nearest address in {@code X-Forwarded-For} that is not one of ours.
 * Anyone can write that header, so it is believed only from our own proxies (HAProxy in front of a
 * fleet).
 */
public final class ClientAddress {
  private static final Pattern LITERAL =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final List<Block> trusted = new ArrayList<>();

  private record Block(byte[] network, int prefix) {
    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (bytes[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (bytes[full] & mask) == (network[full] & mask);
    }
  }

  /**
   * @param trustedProxies IP addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code ::1})
   */
  public ClientAddress(List<String> trustedProxies) {
    for (String entry : trustedProxies) {
      String[] parts = entry.split("/", 2);
      InetAddress network =
          literal(parts[0])
              .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + entry));
      int bits = network.getAddress().length * 8;
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("bad prefix length: " + entry);
      }
      trusted.add(new Block(network.getAddress(), prefix));
    }
  }

  /**
   * The client's address.
   *
   * @param peer the address the connection comes from
   * @param forwardedFor the {@code X-Forwarded-For} values, in header order, or an empty list
   */
  public String resolve(InetAddress peer, List<String> forwardedFor) {
    if (trusted.isEmpty() || !isTrusted(peer) || forwardedFor.isEmpty()) {
      return peer.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String hop : value.split(",")) {
        hops.add(hop.strip());
      }
    }
    // Right to left: the last hop was added by our proxy, the ones before it by whoever sent it.
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(hops.get(i));
      if (hop.isEmpty()) {
        // Garbage where an address should be: trust nothing further left.
        break;
      }
      client = hop.get();
      if (!isTrusted(client)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  /** Whether the peer is one of our proxies, whose forwarded headers are believed. */
  public boolean trusts(InetAddress peer) {
    return !trusted.isEmpty() && isTrusted(peer);
  }

  private boolean isTrusted(InetAddress address) {
    for (Block block : trusted) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Parses an IP literal; never a name, so that a header can never cause a DNS lookup. */
  static Optional<InetAddress> literal(String text) {
    if (text.isEmpty() || text.length() > 45 || !LITERAL.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
