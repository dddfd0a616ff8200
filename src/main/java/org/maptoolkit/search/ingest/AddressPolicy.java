package org.maptoolkit.search.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which hosts a link may make MAP Search fetch from: a page's author must not be able to point it
 * at the machine itself, the cloud's metadata service or the private network behind it. Every
 * address a host resolves to must be public, unless the host is named in the allowed hosts; each
 * redirect's target is checked the same way.
 */
final class AddressPolicy {
  private final Set<String> allowedHosts;

  AddressPolicy(Set<String> allowedHosts) {
    this.allowedHosts = allowedHosts;
  }

  /** Why {@code uri} must not be fetched, or empty when it may be. */
  Optional<String> refuse(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (allowedHosts.contains(host) || allowedHosts.contains(bare)) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      return Optional.of("cannot fetch from " + host + ": the host name does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        return Optional.of(
            "not fetched: "
                + host
                + " is a "
                + kind(address)
                + " address ("
                + address.getHostAddress()
                + "); allow it with --fetch-allow-host "
                + bare);
      }
    }
    return Optional.empty();
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 100.64.0.0/10 (carrier-grade NAT), 0.0.0.0/8, 192.0.0.0/24, 198.18.0.0/15, 240.0.0.0/4
      return !(first == 0
          || (first == 100 && second >= 64 && second < 128)
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
          || (first == 198 && (second == 18 || second == 19))
          || first >= 240);
    }
    if (a instanceof Inet6Address) {
      // fc00::/7, unique local; an IPv4-mapped address is judged as its IPv4 address.
      if ((b[0] & 0xfe) == 0xfc) {
        return false;
      }
      if (isMappedIpv4(b)) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isMappedIpv4(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static String kind(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    return "non-public";
  }
}
