package org.maptoolkit.search.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who a request came from and under which public address the service is reached. Behind a TLS proxy
 * the Host header names the internal host: a configured public base URL wins, and the proxy's
 * {@code Forwarded} / {@code X-Forwarded-*} headers are believed only when the request comes from a
 * configured trusted proxy (anyone else could send them). The client's address, for rate limiting,
 * is then the one the trusted proxies forwarded.
 */
public final class RequestOrigin {
  private final String publicBaseUrl;
  private final List<Cidr> trustedProxies;

  /** An address range such as {@code 10.0.0.0/8}, or one address. */
  private static final class Cidr {
    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
      this.network = network.clone();
      this.bits = bits;
    }

    static Cidr parse(String text) {
      String[] parts = text.strip().split("/", 2);
      try {
        byte[] address = InetAddress.getByName(parts[0]).getAddress();
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (bits < 0 || bits > address.length * 8) {
          throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new Cidr(address, bits);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException(
            "a trusted proxy must be an IP address or range such as 10.0.0.0/8, got '" + text + "'",
            e);
      }
    }

    boolean contains(String ip) {
      byte[] a;
      try {
        a = InetAddress.getByName(ip).getAddress();
      } catch (UnknownHostException e) {
        return false;
      }
      if (a.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest);
      return (a[full] & mask) == (network[full] & mask);
    }
  }

  /**
   * How requests reach the service.
   *
   * @param publicBaseUrl the URL users reach the service at ({@code
   *     https://search.example.nhs.uk}), or null to take it from each request
   * @param trustedProxies proxies whose forwarding headers are believed, as addresses or ranges
   */
  public RequestOrigin(String publicBaseUrl, Set<String> trustedProxies) {
    if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
      URI uri;
      try {
        uri = URI.create(publicBaseUrl.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the public URL is not a URL: " + publicBaseUrl, e);
      }
      if (uri.getScheme() == null
          || !uri.getScheme().matches("https?")
          || uri.getHost() == null
          || uri.getQuery() != null
          || uri.getFragment() != null) {
        throw new IllegalArgumentException(
            "the public URL must look like https://host or https://host/path, got '"
                + publicBaseUrl
                + "'");
      }
      this.publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
    } else {
      this.publicBaseUrl = null;
    }
    this.trustedProxies = trustedProxies.stream().map(Cidr::parse).toList();
  }

  /** No public URL and no trusted proxies: what each request says. */
  public static RequestOrigin direct() {
    return new RequestOrigin(null, Set.of());
  }

  /** The scheme, host and path prefix absolute links to this service start with. */
  public String base(Context ctx) {
    if (publicBaseUrl != null) {
      return publicBaseUrl;
    }
    if (trusted(ctx.req().getRemoteAddr())) {
      String proto = forwarded(ctx, "proto", "X-Forwarded-Proto");
      String host = forwarded(ctx, "host", "X-Forwarded-Host");
      if (host != null && host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
        String scheme = proto != null && proto.matches("https?") ? proto : ctx.scheme();
        return scheme + "://" + host;
      }
    }
    return ctx.scheme() + "://" + ctx.host();
  }

  /** The client's address: the connection's, or the one trusted proxies forwarded. */
  public String client(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    if (!trusted(remote)) {
      return remote;
    }
    // Read the hops from the nearest: the first that is not a trusted proxy is the client.
    List<String> hops = new ArrayList<>(forwardedFor(ctx));
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!trusted(hops.get(i))) {
        return hops.get(i);
      }
    }
    return hops.isEmpty() ? remote : hops.getFirst();
  }

  private boolean trusted(String ip) {
    return trustedProxies.stream().anyMatch(c -> c.contains(ip));
  }

  /** A parameter of the first {@code Forwarded} element, or the older header. */
  private static String forwarded(Context ctx, String parameter, String legacy) {
    String header = ctx.header("Forwarded");
    if (header != null) {
      String first = header.split(",")[0];
      for (String pair : first.split(";")) {
        String[] kv = pair.strip().split("=", 2);
        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase(parameter)) {
          String v = unquote(kv[1]);
          return parameter.equals("proto") ? v.toLowerCase(Locale.ROOT) : v;
        }
      }
    }
    String value = ctx.header(legacy);
    return value == null ? null : value.split(",")[0].strip();
  }

  private static List<String> forwardedFor(Context ctx) {
    List<String> hops = new ArrayList<>();
    String header = ctx.header("Forwarded");
    if (header != null) {
      for (String element : header.split(",")) {
        for (String pair : element.split(";")) {
          String[] kv = pair.strip().split("=", 2);
          if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("for")) {
            String v = unquote(kv[1]);
            // for="[2001:db8::1]:4711" or for=192.0.2.60:4711
            v = v.startsWith("[") ? v.substring(1, v.indexOf(']')) : v.replaceFirst(":\\d+$", "");
            hops.add(v);
          }
        }
      }
      return hops;
    }
    String legacy = ctx.header("X-Forwarded-For");
    if (legacy != null) {
      for (String hop : legacy.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    return hops;
  }

  private static String unquote(String v) {
    String s = v.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
