package io.engram.mqtt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A CA, a broker certificate for localhost and a client certificate, made with openssl at test time. */
record TestCertificates(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {

  static TestCertificates make(Path dir) throws Exception {
    String openssl = MosquittoBroker.require("openssl").toString();
    Path ca = dir.resolve("ca.pem");
    Path caKey = dir.resolve("ca.key");
    Path ext = dir.resolve("server.ext");
    Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        "-subj", "/CN=engram-test-ca", "-keyout", caKey.toString(), "-out", ca.toString());
    Path serverKey = dir.resolve("server.key");
    Path serverCert = dir.resolve("server.pem");
    signed(dir, openssl, "localhost", serverKey, serverCert, ca, caKey, ext);
    Path clientKey = dir.resolve("client.key");
    Path clientCert = dir.resolve("client.pem");
    signed(dir, openssl, "engram-arm", clientKey, clientCert, ca, caKey, null);
    return new TestCertificates(ca, serverCert, serverKey, clientCert, clientKey);
  }

  private static void signed(Path dir, String openssl, String cn, Path key, Path cert, Path ca,
      Path caKey, Path ext) throws Exception {
    Path csr = dir.resolve(cn + ".csr");
    run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn,
        "-keyout", key.toString(), "-out", csr.toString());
    List<String> sign = new ArrayList<>(List.of(openssl, "x509", "-req", "-in", csr.toString(),
        "-CA", ca.toString(), "-CAkey", caKey.toString(), "-CAcreateserial", "-days", "2",
        "-out", cert.toString()));
    if (ext != null) {
      sign.addAll(List.of("-extfile", ext.toString()));
    }
    run(dir, sign.toArray(new String[0]));
  }

  private static void run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
    }
  }
}
