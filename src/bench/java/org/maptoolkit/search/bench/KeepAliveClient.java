package org.maptoolkit.search.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection, for load runs: it adds almost nothing of
 * its own to the latency measured, unlike a general-purpose client. One per thread.
 */
final class KeepAliveClient implements AutoCloseable {
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveClient(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** GETs {@code uri}'s path and query; returns the status code, having read the whole body. */
  int get(URI uri) throws IOException {
    if (socket == null || socket.isClosed()) {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    }
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    out.write(
        ("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String h = header.toLowerCase(Locale.ROOT);
      if (h.startsWith("content-length:")) {
        length = Long.parseLong(h.substring(15).strip());
      } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
        chunked = true;
      } else if (h.startsWith("connection:") && h.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      long size;
      while ((size = Long.parseLong(line().split(";")[0].strip(), 16)) > 0) {
        skip(size);
        line();
      }
      line();
    } else if (length >= 0) {
      skip(length);
    }
    if (close) {
      close();
    }
    return code;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long s = in.skip(left);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed mid-body");
        }
        s = 1;
      }
      left -= s;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c < 0 && b.size() == 0) {
      throw new IOException("connection closed");
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
